package io.moatwatch.analyse.label;

import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.SentenceSentiment;
import io.moatwatch.config.Labels;
import io.moatwatch.stats.SentimentMath;
import java.util.ArrayList;
import java.util.List;

/**
 * The one function that turns an {@link Analysis} into a post's (and each sentence's) score and label, used by
 * the job's NLP stage and by {@code jobs/evaluate.sh}, so QUALITY.md's figures are what the {@code posts} table
 * gets. Pure: no Spark, no models.
 *
 * <ul>
 *   <li><b>CoreNLP</b>: a sentence's score is the expectation of its five class probabilities (-1..1,
 *       {@link SentimentMath#sentenceScore}); the post's is the mean over its scored sentences; the label is the
 *       neutral band on that score. Always computed ({@code corenlp_score}, {@code corenlp_label}).
 *   <li><b>Label model</b>: the score is P(positive) - P(negative) of the model's reading of the whole text (a
 *       sentence: of the sentence, where the model read it), the label its most probable class.
 * </ul>
 * {@code score} and {@code label} are the label model's when {@link Labels#usesModel()}, else CoreNLP's.
 *
 * @param scored        whether the post has a label: with the model, whenever the model read it; with CoreNLP,
 *                      when at least one sentence was within the length cap
 * @param score         the post's score, -1..1, or null when not scored
 * @param label         negative / neutral / positive, or null when not scored
 * @param probabilities the model's negative / neutral / positive probabilities, or null without a model
 * @param corenlpScore  CoreNLP's post score, or null when no sentence was scored
 * @param corenlpLabel  the neutral band on {@code corenlpScore}, or null
 * @param corenlpMean   CoreNLP's five class probabilities averaged over the scored sentences (empty if none)
 * @param classCounts   how many scored sentences CoreNLP put in each of its five classes
 * @param sentences     the same for each sentence, in order
 */
public record PostSentiment(boolean scored, Double score, String label, double[] probabilities, Double corenlpScore,
    String corenlpLabel, double[] corenlpMean, int[] classCounts, List<Sentence> sentences) {

  /**
   * One sentence's figures; {@code score} / {@code label} as the post's. A sentence over the length cap has no
   * CoreNLP figures but may still have the model's; with the model's labels, a sentence it did not read
   * ({@link SentenceReadings}) has none of the model's (score, label and probabilities null).
   */
  public record Sentence(Double score, String label, double[] probabilities, Double corenlpScore,
      String corenlpLabel) {}

  public static PostSentiment of(Analysis a, Labels labelling) {
    List<Double> scores = new ArrayList<>();
    int[] classes = new int[5];
    double[] mean = new double[5];
    List<Sentence> sentences = new ArrayList<>();
    for (SentenceSentiment s : a.sentences()) {
      if (s.scored()) {
        scores.add(s.score());
        classes[s.sentimentClass()]++;
        for (int i = 0; i < 5; i++) {
          mean[i] += s.probabilities()[i];
        }
      }
      sentences.add(sentence(s, labelling));
    }
    for (int i = 0; i < 5; i++) {
      mean[i] = scores.isEmpty() ? 0 : mean[i] / scores.size();
    }
    Double corenlpScore = SentimentMath.postScore(scores);
    String corenlpLabel = corenlpScore == null ? null : band(corenlpScore, labelling);
    double[] p = a.labelProbabilities();
    if (labelling.usesModel()) {
      if (p == null) {
        throw new IllegalArgumentException("labels from the model, but the analysis has no model probabilities");
      }
      return new PostSentiment(true, modelScore(p), modelLabel(p), p, corenlpScore, corenlpLabel,
          scores.isEmpty() ? new double[0] : mean, classes, sentences);
    }
    return new PostSentiment(corenlpScore != null, corenlpScore, corenlpLabel, p, corenlpScore, corenlpLabel,
        scores.isEmpty() ? new double[0] : mean, classes, sentences);
  }

  static Sentence sentence(SentenceSentiment s, Labels labelling) {
    Double corenlpScore = s.scored() ? s.score() : null;
    String corenlpLabel = s.scored() ? SentimentMath.classLabel(s.sentimentClass()) : null;
    double[] p = s.labelProbabilities();
    if (labelling.usesModel()) {
      // A sentence the model did not read (--sentence-labels named: it names no topic or entity) has no label.
      return p == null ? new Sentence(null, null, null, corenlpScore, corenlpLabel)
          : new Sentence(modelScore(p), modelLabel(p), p, corenlpScore, corenlpLabel);
    }
    return new Sentence(corenlpScore, corenlpLabel, p, corenlpScore, corenlpLabel);
  }

  /** P(positive) - P(negative), in -1..1. */
  public static double modelScore(double[] p) {
    checkThree(p);
    return Math.max(-1, Math.min(1, p[2] - p[0]));
  }

  /** The most probable of negative / neutral / positive (ties: the earlier, so neutral before positive). */
  public static String modelLabel(double[] p) {
    checkThree(p);
    int best = 0;
    for (int i = 1; i < 3; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return LabelModelSpec.LABELS.get(best);
  }

  private static String band(double score, Labels labelling) {
    return SentimentMath.label(score, labelling.neutralLow(), labelling.neutralHigh());
  }

  private static void checkThree(double[] p) {
    if (p == null || p.length != 3) {
      throw new IllegalArgumentException("expected 3 label probabilities, got " + (p == null ? "none" : p.length));
    }
  }
}
