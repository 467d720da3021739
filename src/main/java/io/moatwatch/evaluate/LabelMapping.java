package io.moatwatch.evaluate;

import io.moatwatch.config.Labels;
import io.moatwatch.stats.SentimentMath;

/**
 * How moatwatch's post output becomes a label of a set's space (documented in QUALITY.md):
 *
 * <ul>
 *   <li>three classes: the post label the job writes, i.e. the post score (mean of the sentences' expected
 *       class values, -1..1) against the neutral band {@code [low, high]}: at or below {@code low} negative,
 *       at or above {@code high} positive, else neutral. The job's default band is {@code [-0.15, 0.15]};
 *   <li>two classes (SST-2): the sign of the post score ({@code >= 0} positive), as binary SST is scored on
 *       non-neutral sentences only;
 *   <li>five classes (SST-5): the class with the highest mean probability over the post's sentences (for a
 *       one-sentence text, CoreNLP's own predicted class).
 * </ul>
 *
 * @param low  upper edge of "negative" (scores {@code <= low} are negative)
 * @param high lower edge of "positive" (scores {@code >= high} are positive)
 */
public record LabelMapping(double low, double high) {

  /** The job's default: the symmetric band of {@code --neutral-band 0.15}. */
  public static final LabelMapping STOCK = symmetric(Labels.STOCK_BAND);

  public LabelMapping {
    if (!(low <= high) || low < -1 || high > 1) {
      throw new IllegalArgumentException("neutral band needs -1 <= low <= high <= 1, got [" + low + ", " + high + "]");
    }
  }

  public static LabelMapping symmetric(double band) {
    return new LabelMapping(-band, band);
  }

  /** The three-way label of a post score: exactly the job's {@code sentiment_label} rule. */
  public String three(double score) {
    return SentimentMath.label(score, low, high);
  }

  /** The binary label of a post score. */
  public static String two(double score) {
    return score >= 0 ? SentimentMath.POSITIVE : SentimentMath.NEGATIVE;
  }

  /** The five-way label: the arg-max of the mean class probabilities. */
  public static String five(double[] meanProbabilities) {
    int best = 0;
    for (int i = 1; i < meanProbabilities.length; i++) {
      if (meanProbabilities[i] > meanProbabilities[best]) {
        best = i;
      }
    }
    return Integer.toString(best);
  }
}
