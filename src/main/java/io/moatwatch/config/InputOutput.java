package io.moatwatch.config;

import io.moatwatch.read.format.Formats;
import java.io.Serializable;
import java.util.List;

/**
 * Where a run reads and writes.
 *
 * @param inputs files, directories or globs (local paths or any Hadoop file system URI)
 * @param output the results directory
 * @param format {@code auto} or a format name
 * @param window the days to process
 * @param lowVolume aggregate rows with fewer posts (topic_daily) or sentences (topic_entities) are flagged
 *                  {@code low_volume}
 */
public record InputOutput(List<String> inputs, String output, String format, Window window, int lowVolume)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public InputOutput {
    if (inputs == null || inputs.isEmpty() || inputs.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new IllegalArgumentException("--input needs at least one path");
    }
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("--output needs a directory");
    }
    if (format == null || (!Formats.AUTO.equals(format) && !Formats.names().contains(format))) {
      throw new IllegalArgumentException("unknown --format '" + format + "' (expected one of "
          + String.join(", ", Formats.names()) + ")");
    }
    if (lowVolume < 0) {
      throw new IllegalArgumentException("--low-volume must be 0 or more, got " + lowVolume);
    }
    inputs = List.copyOf(inputs);
  }
}
