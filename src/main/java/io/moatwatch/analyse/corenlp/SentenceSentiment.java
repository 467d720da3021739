package io.moatwatch.analyse.corenlp;

import io.moatwatch.stats.SentimentMath;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sentence as CoreNLP scored it, and, when a label model ran, what the label model makes of it.
 *
 * @param index              position in the post, from 0
 * @param text               the sentence text
 * @param tokens             number of tokens
 * @param sentimentClass     CoreNLP's class, 0 (very negative) .. 4 (very positive), or -1 when not scored
 * @param probabilities      CoreNLP's five class probabilities (empty when not scored)
 * @param score              {@link SentimentMath#sentenceScore} of CoreNLP's probabilities, in -1..1 (0 when not
 *                           scored)
 * @param scored             false for sentences over the length cap (CoreNLP does not parse them)
 * @param labelProbabilities the label model's negative / neutral / positive probabilities, or null when no label
 *                           model ran ({@code --labels corenlp})
 * @param stance             the label model's reading of the sentence toward each stance target asked for (only for
 *                           sentences naming two or more topics), empty when none
 */
public record SentenceSentiment(int index, String text, int tokens, int sentimentClass, double[] probabilities,
    double score, boolean scored, double[] labelProbabilities, Map<String, double[]> stance) {

  public SentenceSentiment {
    stance = stance == null ? Map.of() : Map.copyOf(stance);
  }

  /** A sentence as CoreNLP alone scored it. */
  public SentenceSentiment(int index, String text, int tokens, int sentimentClass, double[] probabilities,
      double score, boolean scored) {
    this(index, text, tokens, sentimentClass, probabilities, score, scored, null, Map.of());
  }

  /** The same sentence with the label model's probabilities. */
  public SentenceSentiment withLabelProbabilities(double[] p) {
    return new SentenceSentiment(index, text, tokens, sentimentClass, probabilities, score, scored, p, stance);
  }

  /** The same sentence as CoreNLP alone scored it: without the label model's probabilities and stance readings. */
  public SentenceSentiment withoutReadings() {
    return new SentenceSentiment(index, text, tokens, sentimentClass, probabilities, score, scored, null, Map.of());
  }

  /** The same sentence with more stance readings (the ones it had are kept). */
  public SentenceSentiment withStance(Map<String, double[]> more) {
    Map<String, double[]> merged = new LinkedHashMap<>(stance);
    merged.putAll(more);
    return new SentenceSentiment(index, text, tokens, sentimentClass, probabilities, score, scored,
        labelProbabilities, merged);
  }
}
