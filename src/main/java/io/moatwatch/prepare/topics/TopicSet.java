package io.moatwatch.prepare.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The configured topics, in file order. Immutable, thread-safe and serializable. */
public final class TopicSet implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Topic> topics;
  private final String origin;

  public TopicSet(List<Topic> topics, String origin) {
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("a topic set needs at least one topic");
    }
    this.topics = List.copyOf(topics);
    this.origin = origin;
  }

  public List<Topic> topics() {
    return topics;
  }

  /** Where the topics came from (a path, or {@code builtin:default}). */
  public String origin() {
    return origin;
  }

  public List<String> names() {
    return topics.stream().map(Topic::name).toList();
  }

  /**
   * The first entity named under a topic's {@code entities} key that is not among {@code known} canonical
   * names, as a message with the topics file and line; null when every one is known.
   */
  public String unknownEntity(Set<String> known) {
    for (Topic t : topics) {
      for (var e : t.entities().entrySet()) {
        if (!known.contains(e.getKey())) {
          return origin + " line " + e.getValue() + ": entity '" + e.getKey() + "' of topic '" + t.name()
              + "' is not a canonical name in the gazetteer (docs/ENTITIES.md)";
        }
      }
    }
    return null;
  }

  /**
   * The topics a post is about by its own content and place: each topic with the parts it was found in, in
   * the order {@code texts} gives them ({@link TopicSources#TITLE}, {@link TopicSources#PROSE}, ...), then
   * {@link TopicSources#COMMUNITY} when the post lives in one of the topic's homes.
   *
   * @param texts     part name to text, in the order sources are listed (null or empty texts are skipped)
   * @param source    the platform ({@code github}, {@code reddit} ...)
   * @param community the post's community (repository, subreddit ...), or null
   * @param tags      the post's tags (Stack Exchange tags, {@code category:<id>} ...)
   */
  public TopicSources find(Map<String, String> texts, String source, String community, List<String> tags) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (Topic t : topics) {
      List<String> where = new ArrayList<>(2);
      for (var text : texts.entrySet()) {
        if (t.mentionedIn(text.getValue())) {
          where.add(text.getKey());
        }
      }
      if (t.livesIn(source, community, tags)) {
        where.add(TopicSources.COMMUNITY);
      }
      if (!where.isEmpty()) {
        found.put(t.name(), where);
      }
    }
    return new TopicSources(found);
  }

  /** Names of the topics mentioned in any of the texts, in topic order, each once. */
  public List<String> match(String... texts) {
    List<String> found = new ArrayList<>();
    for (Topic t : topics) {
      for (String text : texts) {
        if (t.mentionedIn(text)) {
          found.add(t.name());
          break;
        }
      }
    }
    return found;
  }
}
