package io.moatwatch.analyse.corenlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the NLP stage says about one text: its sentences with CoreNLP's sentiment (and the label model's,
 * per sentence), its entities, the label model's negative / neutral / positive probabilities for the whole
 * text ({@code labelProbabilities}, null when no label model ran), and how many sentences the text has
 * ({@code sentencesInText}: more than {@code sentences} when a long post was analysed on a sample of them).
 */
public record Analysis(List<SentenceSentiment> sentences, List<EntityMention> entities, double[] labelProbabilities,
    int sentencesInText) {
  public Analysis {
    sentences = List.copyOf(sentences);
    entities = List.copyOf(entities);
    sentencesInText = Math.max(sentencesInText, sentences.size());
  }

  /** What CoreNLP alone says about a text it read whole. */
  public Analysis(List<SentenceSentiment> sentences, List<EntityMention> entities) {
    this(sentences, entities, null, sentences.size());
  }

  /**
   * This analysis with the label model's probabilities: {@code post} for the whole text, {@code perSentence} in
   * sentence order.
   */
  public Analysis withLabels(double[] post, List<double[]> perSentence) {
    if (perSentence.size() != sentences.size()) {
      throw new IllegalArgumentException("expected " + sentences.size() + " sentence probabilities, got "
          + perSentence.size());
    }
    List<SentenceSentiment> labelled = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      labelled.add(sentences.get(i).withLabelProbabilities(perSentence.get(i)));
    }
    return new Analysis(labelled, entities, post, sentencesInText);
  }
}
