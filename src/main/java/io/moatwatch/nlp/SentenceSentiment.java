package io.moatwatch.nlp;

/**
 * One sentence as CoreNLP scored it.
 *
 * @param index          position in the post, from 0
 * @param text           the sentence text
 * @param tokens         number of tokens
 * @param sentimentClass 0 (very negative) .. 4 (very positive), or -1 when not scored
 * @param probabilities  the five class probabilities (empty when not scored)
 * @param score          {@link SentimentMath#sentenceScore} of the probabilities, in -1..1 (0 when not scored)
 * @param scored         false for sentences over the length cap
 */
public record SentenceSentiment(int index, String text, int tokens, int sentimentClass, double[] probabilities,
    double score, boolean scored) {}
