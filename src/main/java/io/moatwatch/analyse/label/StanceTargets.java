package io.moatwatch.analyse.label;

import io.moatwatch.config.Labels.TopicStance;
import io.moatwatch.prepare.topics.Topic;
import io.moatwatch.prepare.topics.TopicSet;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which stance target each topic is read toward: the label model reads a text toward a stack named in words
 * ({@code [CLS] rocm [SEP] text}), so every topic of the topics file is mapped to such a name once, on the
 * driver. A topic whose name is one of the model's trained targets is read toward it ({@code ROCm} ->
 * {@code rocm}); else the first trained target the topic's own aliases and patterns match (a topic
 * {@code AMD compute} with alias {@code rocm} -> {@code rocm}); else its name in lower case, so a user's own topic
 * ({@code Metal}, {@code Apple Silicon}) still gets a reading. Targets are written as the model was trained on
 * them: lower case, a space for '-' and '_'.
 *
 * @param byTopic each topic's stance target
 * @param when    which posts are read toward each of their topics ({@code --topic-stance})
 */
public record StanceTargets(Map<String, String> byTopic, TopicStance when) implements Serializable {
  private static final long serialVersionUID = 1L;

  public StanceTargets {
    byTopic = Map.copyOf(byTopic);
  }

  /** No stance reading: every topic gets the post's label. */
  public static final StanceTargets NONE = new StanceTargets(Map.of(), TopicStance.TOPICS);

  /** The targets of {@code topics} for a model trained on {@code trained} (its model.json stance targets). */
  public static StanceTargets of(TopicSet topics, List<String> trained, TopicStance when) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Topic t : topics.topics()) {
      out.put(t.name(), target(t, trained));
    }
    return new StanceTargets(out, when);
  }

  private static String target(Topic topic, List<String> trained) {
    String own = text(topic.name());
    for (String t : trained) {
      if (text(t).equals(own)) {
        return own;
      }
    }
    for (String t : trained) {
      if (topic.mentionedIn(text(t))) {
        return text(t);
      }
    }
    return own;
  }

  /** A name as the model reads it: lower case, '-' and '_' as spaces, single spaces. */
  public static String text(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_\\s]+", " ").strip();
  }

  /** The target of {@code topic} (null for a topic this run does not know). */
  public String of(String topic) {
    return byTopic.get(topic);
  }

  public boolean isEmpty() {
    return byTopic.isEmpty();
  }
}
