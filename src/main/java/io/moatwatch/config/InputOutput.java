package io.moatwatch.config;

import io.moatwatch.ingest.Formats;
import java.io.Serializable;
import java.util.List;

/**
 * Where a run reads and writes.
 *
 * @param inputs files, directories or globs (local paths or any Hadoop file system URI)
 * @param output the results directory
 * @param format {@code auto} or a format name
 * @param window the days to process
 */
public record InputOutput(List<String> inputs, String output, String format, Window window) implements Serializable {
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
    inputs = List.copyOf(inputs);
  }
}
