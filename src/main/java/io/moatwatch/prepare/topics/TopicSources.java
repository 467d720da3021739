package io.moatwatch.prepare.topics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topics of a post and where each was found, in topic order: the post's {@code topic_sources}.
 *
 * @param sources topic name to the parts it was found in, each a constant of this class
 */
public record TopicSources(Map<String, List<String>> sources) {
  /** The title of the post (a thread root's, or a link post's). */
  public static final String TITLE = "title";
  /** The prose that sentiment scores (inline code included). */
  public static final String PROSE = "prose";
  /** Code blocks and machine lines (logs, shell output, stack traces) kept out of the prose. */
  public static final String CODE = "code";
  /** URLs and link targets. */
  public static final String URL = "url";
  /** Quoted passages (usually the words the post answers). */
  public static final String QUOTE = "quote";
  /** The post lives in one of the topic's homes (a repository, subreddit, tag ... of the topics file). */
  public static final String COMMUNITY = "community";
  /** The topic came from the thread: the nearest ancestor with topics, or the thread title the export gives. */
  public static final String INHERITED = "inherited";

  /** No topics. */
  public static final TopicSources NONE = new TopicSources(Map.of());

  public TopicSources {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    sources.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    sources = Collections.unmodifiableMap(copy);
  }

  /** The topic names, in topic order. */
  public List<String> topics() {
    return List.copyOf(sources.keySet());
  }
}
