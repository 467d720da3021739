package io.moatwatch.config;

import io.moatwatch.analyse.corenlp.NlpSettings;

/**
 * How the NLP stage runs.
 *
 * @param settings       the CoreNLP pipeline settings
 * @param maxPostSeconds time limit per post (0: none); posts over it are marked {@code timed_out}
 * @param partitions     partitions for the NLP stage (0: twice Spark's default parallelism)
 * @param cache          whether the annotation cache beside the output is read and extended
 */
public record NlpStage(NlpSettings settings, double maxPostSeconds, int partitions, boolean cache) {
  public NlpStage {
    if (maxPostSeconds < 0 || Double.isNaN(maxPostSeconds)) {
      throw new IllegalArgumentException("--max-post-seconds must be 0 (no limit) or more, got " + maxPostSeconds);
    }
    if (partitions < 0) {
      throw new IllegalArgumentException("--partitions must be 0 or more, got " + partitions);
    }
  }
}
