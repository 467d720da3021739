package io.moatwatch.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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
