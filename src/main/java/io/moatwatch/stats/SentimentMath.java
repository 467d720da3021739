package io.moatwatch.stats;

import java.util.List;

/**
 * Score maths, kept apart from CoreNLP so it is unit-tested exactly.
 *
 * <p>A sentence's score is the expectation of its class under CoreNLP's five class probabilities, with the
 * classes placed at -1, -0.5, 0, 0.5 and 1 (very negative .. very positive). A post's score is the mean of
 * its scored sentences. A post is positive or negative when its score is beyond the neutral band, neutral
 * inside it.
 */
public final class SentimentMath {
  /** Where each of the five classes sits on the -1..1 scale. */
  static final double[] CLASS_VALUES = {-1.0, -0.5, 0.0, 0.5, 1.0};

  /** Three-way labels used in every output. */
  public static final String NEGATIVE = "negative";
  public static final String NEUTRAL = "neutral";
  public static final String POSITIVE = "positive";

  private SentimentMath() {}

  /** The expected class value, in -1..1; probabilities are renormalised if they do not sum to 1. */
  public static double sentenceScore(double[] probabilities) {
    if (probabilities.length != CLASS_VALUES.length) {
      throw new IllegalArgumentException("expected 5 class probabilities, got " + probabilities.length);
    }
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < CLASS_VALUES.length; i++) {
      sum += probabilities[i];
      weighted += probabilities[i] * CLASS_VALUES[i];
    }
    return sum <= 0 ? 0.0 : clamp(weighted / sum);
  }

  /** The mean of the scores, or null when there are none. */
  public static Double postScore(List<Double> sentenceScores) {
    if (sentenceScores.isEmpty()) {
      return null;
    }
    double total = 0;
    for (double s : sentenceScores) {
      total += s;
    }
    return clamp(total / sentenceScores.size());
  }

  /** negative / neutral / positive for a score, given the half-width of a symmetric neutral band. */
  public static String label(double score, double neutralBand) {
    return label(score, -neutralBand, neutralBand);
  }

  /**
   * negative / neutral / positive for a score and the neutral band's edges: {@code score >= high} is positive,
   * {@code score <= low} negative, anything between neutral.
   */
  public static String label(double score, double low, double high) {
    if (score >= high) {
      return POSITIVE;
    }
    if (score <= low) {
      return NEGATIVE;
    }
    return NEUTRAL;
  }

  /** The three-way label of a five-way CoreNLP class (0,1 negative; 2 neutral; 3,4 positive). */
  public static String classLabel(int sentimentClass) {
    if (sentimentClass < 0 || sentimentClass > 4) {
      throw new IllegalArgumentException("sentiment class must be 0..4, got " + sentimentClass);
    }
    return sentimentClass < 2 ? NEGATIVE : sentimentClass == 2 ? NEUTRAL : POSITIVE;
  }

  private static double clamp(double v) {
    return Math.max(-1.0, Math.min(1.0, v));
  }
}
