package io.moatwatch.config;

import io.moatwatch.read.prefilter.Prefilter;
import io.moatwatch.prepare.AuthorHasher;
import io.moatwatch.prepare.topics.TopicSet;

/**
 * What happens to each record before NLP: topics, caps, which posts are skipped, privacy.
 *
 * @param topics        the topic definitions
 * @param maxChars      cleaned posts longer than this are not analysed ({@code too_long})
 * @param inheritTopics whether replies inherit their thread root's topics
 * @param skipOffTopic  whether posts with no topic are skipped before NLP
 * @param englishOnly   whether posts detected as another language are skipped before NLP
 * @param authorHasher  when not null, author names are replaced by their keyed hash in every output
 * @param prefilter     when raw records are skipped before parsing ({@code --prefilter}; see {@link Prefilter})
 * @param splitBytes    an uncompressed or .bz2 JSON-lines file larger than this is read in parts of this size,
 *                      by as many tasks ({@code --split-mb})
 */
public record Preparation(TopicSet topics, int maxChars, boolean inheritTopics, boolean skipOffTopic,
    boolean englishOnly, AuthorHasher authorHasher, Prefilter.Mode prefilter, long splitBytes) {

  /** {@code --split-mb}'s default: 128 MiB parts, Hadoop's usual block size. */
  public static final long DEFAULT_SPLIT_BYTES = 128L << 20;

  /**
   * Whether the run may prefilter: not with {@code --prefilter off}, nor with {@code --analyse-off-topic}
   * (which analyses every record, so none may be skipped).
   */
  public boolean mayPrefilter() {
    return prefilter != Prefilter.Mode.OFF && skipOffTopic;
  }

  public Preparation {
    if (maxChars < 1) {
      throw new IllegalArgumentException("--max-chars must be at least 1, got " + maxChars);
    }
    if (splitBytes < 1 << 20) {
      throw new IllegalArgumentException("--split-mb must be at least 1, got " + (splitBytes >> 20));
    }
  }
}
