package io.moatwatch.analyse.corenlp;

import io.moatwatch.stats.SentimentMath;



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
 */
public record SentenceSentiment(int index, String text, int tokens, int sentimentClass, double[] probabilities,
    double score, boolean scored, double[] labelProbabilities) {

  /** A sentence as CoreNLP alone scored it. */
  public SentenceSentiment(int index, String text, int tokens, int sentimentClass, double[] probabilities,
      double score, boolean scored) {
    this(index, text, tokens, sentimentClass, probabilities, score, scored, null);
  }

  /** The same sentence with the label model's probabilities. */
  public SentenceSentiment withLabelProbabilities(double[] p) {
    return new SentenceSentiment(index, text, tokens, sentimentClass, probabilities, score, scored, p);
  }
}
