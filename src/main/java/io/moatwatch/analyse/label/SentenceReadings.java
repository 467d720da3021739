package io.moatwatch.analyse.label;

import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.EntityMention;
import io.moatwatch.analyse.corenlp.SentenceSentiment;
import io.moatwatch.config.Labels.SentenceLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sentences of a post the label model reads on their own ({@code --sentence-labels}). The post's label is
 * the model's reading of the whole text either way; a sentence's own label counts in an aggregate only where the
 * sentence names a topic ({@code topic_daily.mention_*}) or an entity ({@code topic_entities}), so by default
 * ({@link SentenceLabels#NAMED}) only those sentences are read, and the others keep CoreNLP's figures alone. Pure:
 * no Spark, no models.
 */
public final class SentenceReadings {
  private SentenceReadings() {}

  /**
   * The indices of the sentences to read: every sentence with {@link SentenceLabels#ALL}; with
   * {@link SentenceLabels#NAMED} those whose {@code sentenceTopics} (by index) are not empty or that hold an entity
   * found in the prose.
   */
  public static Set<Integer> of(Analysis a, List<List<String>> sentenceTopics, SentenceLabels which) {
    Set<Integer> out = new TreeSet<>();
    for (SentenceSentiment s : a.sentences()) {
      if (which == SentenceLabels.ALL || !sentenceTopics.get(s.index()).isEmpty()) {
        out.add(s.index());
      }
    }
    if (which == SentenceLabels.NAMED) {
      for (EntityMention m : a.entities()) {
        if (m.sentenceIndex() >= 0 && m.sentenceIndex() < a.sentences().size()) {
          out.add(m.sentenceIndex());
        }
      }
    }
    return out;
  }

  /** The sentences of {@code read} that have no reading of the model yet (a fresh or a cached analysis). */
  public static Set<Integer> lacking(Analysis a, Set<Integer> read) {
    Set<Integer> out = new TreeSet<>();
    for (SentenceSentiment s : a.sentences()) {
      if (read.contains(s.index()) && s.labelProbabilities() == null) {
        out.add(s.index());
      }
    }
    return out;
  }

  /**
   * {@code a} with the model's readings of the sentences outside {@code read} taken away, so a post's row is the
   * same whether its analysis was made in this run or came from the annotation cache filled by a run that read
   * more sentences ({@code --sentence-labels all}).
   */
  public static Analysis only(Analysis a, Set<Integer> read) {
    boolean extra = a.sentences().stream().anyMatch(s -> s.labelProbabilities() != null && !read.contains(s.index()));
    if (!extra) {
      return a;
    }
    List<double[]> kept = new ArrayList<>(a.sentences().size());
    for (SentenceSentiment s : a.sentences()) {
      kept.add(read.contains(s.index()) ? s.labelProbabilities() : null);
    }
    return a.withLabels(a.labelProbabilities(), kept);
  }
}
