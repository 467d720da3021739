package io.moatwatch.config;

import java.io.Serializable;

/**
 * Where and how a run writes.
 *
 * @param directory the results directory (local path or any Hadoop file system URI)
 * @param lowVolume aggregate rows with fewer posts (topic_daily) or sentences (topic_entities) are flagged
 *                  {@code low_volume}
 */
public record Output(String directory, int lowVolume) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Output {
    InvalidSetting.require(directory != null && !directory.isBlank(), "directory", "needs a directory");
    InvalidSetting.require(lowVolume >= 0, "lowVolume", "must be 0 or more, got " + lowVolume);
  }
}
