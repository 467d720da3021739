package io.moatwatch.config;

import io.moatwatch.prepare.AuthorHasher;
import io.moatwatch.topics.TopicSet;

/**
 * What happens to each record before NLP: topics, caps, which posts are skipped, privacy.
 *
 * @param topics        the topic definitions
 * @param maxChars      cleaned posts longer than this are not analysed ({@code too_long})
 * @param inheritTopics whether replies inherit their thread root's topics
 * @param skipOffTopic  whether posts with no topic are skipped before NLP
 * @param englishOnly   whether posts detected as another language are skipped before NLP
 * @param authorHasher  when not null, author names are replaced by their keyed hash in every output
 */
public record Preparation(TopicSet topics, int maxChars, boolean inheritTopics, boolean skipOffTopic,
    boolean englishOnly, AuthorHasher authorHasher) {

  public Preparation {
    if (maxChars < 1) {
      throw new IllegalArgumentException("--max-chars must be at least 1, got " + maxChars);
    }
  }
}
