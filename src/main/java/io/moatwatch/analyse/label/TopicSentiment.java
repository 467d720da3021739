package io.moatwatch.analyse.label;

import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.SentenceSentiment;
import io.moatwatch.config.Labels.TopicStance;
import io.moatwatch.prepare.topics.TopicSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Locale;

/**
 * Each topic's own label in a post (the {@code topic_sentiment} column) and in a sentence (mention level): a post
 * that names a topic itself gives it the label model's reading of the post toward that topic ({@link Source#STANCE};
 * with {@code --topic-stance topics} only a post naming two or more), so "CUDA just works, ROCm has been hell" is
 * praise for CUDA and criticism of ROCm, not a negative post for both, and a bug report's frustrated tone is not
 * taken for its author's attitude toward the stack; a post that only inherits its topics gives them its own label
 * ({@link Source#POST}). A sentence naming two or more topics is read toward each; one naming one gives it its own
 * label ({@link Source#SENTENCE}). Pure: the readings are in the {@link Analysis} ({@link LabelModel#withStance}).
 *
 * @param topic topic name
 * @param label negative / neutral / positive
 * @param score P(positive) - P(negative) of the reading the label came from (the post's score for POST)
 * @param source where the label came from
 */
public record TopicSentiment(String topic, String label, Double score, Source source) {

  /** Where a topic's label came from. */
  public enum Source {
    /** The post's own label: it only inherits its topics from the thread, or names one with
     *  {@link TopicStance#TOPICS}, or no model reads stance. */
    POST,
    /** The sentence's own label: the sentence names one topic. */
    SENTENCE,
    /** The label model read the text toward the topic. */
    STANCE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Whether a post's topics are read one by one: the model reads stance, the post names its topics itself
   * (inherited topics are the thread's, not the post's words) and it names two or more of them, or any with
   * {@link TopicStance#ALL}.
   */
  public static boolean readsPostStance(List<String> topics, boolean inherited, StanceTargets targets) {
    return !targets.isEmpty() && !inherited
        && (topics.size() >= 2 || (topics.size() == 1 && targets.when() == TopicStance.ALL));
  }

  /** The stance targets a post needs read (none when {@link #readsPostStance} says it is not read). */
  public static Set<String> postTargets(List<String> topics, boolean inherited, StanceTargets targets) {
    Set<String> out = new LinkedHashSet<>();
    if (readsPostStance(topics, inherited, targets)) {
      topics.forEach(t -> out.add(targets.of(t)));
    }
    out.remove(null);
    return out;
  }

  /** The topics each sentence of {@code a} names itself, by sentence index (the job's and evaluate's one rule). */
  public static List<List<String>> sentenceTopics(Analysis a, TopicSet topics) {
    List<List<String>> out = new ArrayList<>(a.sentences().size());
    for (SentenceSentiment s : a.sentences()) {
      out.add(topics.match(s.text()));
    }
    return out;
  }

  /** The stance targets each sentence naming two or more topics needs read, by sentence index. */
  public static Map<Integer, Set<String>> sentenceTargets(List<List<String>> sentenceTopics, StanceTargets targets) {
    Map<Integer, Set<String>> out = new TreeMap<>();
    for (int i = 0; i < sentenceTopics.size(); i++) {
      if (!targets.isEmpty() && sentenceTopics.get(i).size() >= 2) {
        Set<String> ts = new LinkedHashSet<>();
        sentenceTopics.get(i).forEach(t -> ts.add(targets.of(t)));
        ts.remove(null);
        out.put(i, ts);
      }
    }
    return out;
  }

  /**
   * Each of the post's {@code topics} with its label: the post's ({@code post}, its label and score) or, when the
   * post is read toward its topics ({@link #readsPostStance}), the reading toward it in {@code a}. A post without a
   * label gets none.
   */
  public static List<TopicSentiment> ofPost(Analysis a, PostSentiment post, List<String> topics, boolean inherited,
      StanceTargets targets) {
    List<TopicSentiment> out = new ArrayList<>();
    if (!post.scored()) {
      return out;
    }
    boolean stance = readsPostStance(topics, inherited, targets);
    for (String topic : topics) {
      double[] p = stance ? reading(a.stance(), targets.of(topic)) : null;
      out.add(p == null ? new TopicSentiment(topic, post.label(), post.score(), Source.POST)
          : new TopicSentiment(topic, PostSentiment.modelLabel(p), PostSentiment.modelScore(p), Source.STANCE));
    }
    return out;
  }

  /** The reading toward {@code target}, or null (no target for the topic, or no reading made). */
  private static double[] reading(Map<String, double[]> stance, String target) {
    return target == null ? null : stance.get(target);
  }

  /** The same for one sentence naming {@code topics}, whose own figures are {@code own}. */
  public static List<TopicSentiment> ofSentence(SentenceSentiment s, PostSentiment.Sentence own, List<String> topics,
      StanceTargets targets) {
    List<TopicSentiment> out = new ArrayList<>();
    if (own.label() == null) {
      return out;
    }
    for (String topic : topics) {
      double[] p = topics.size() >= 2 ? reading(s.stance(), targets.of(topic)) : null;
      out.add(p == null ? new TopicSentiment(topic, own.label(), own.score(), Source.SENTENCE)
          : new TopicSentiment(topic, PostSentiment.modelLabel(p), PostSentiment.modelScore(p), Source.STANCE));
    }
    return out;
  }
}
