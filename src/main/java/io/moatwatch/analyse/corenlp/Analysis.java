package io.moatwatch.analyse.corenlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the NLP stage says about one text: its sentences with CoreNLP's sentiment (and the label model's,
 * per sentence), its entities, the label model's negative / neutral / positive probabilities for the whole
 * text ({@code labelProbabilities}, null when no label model ran), its reading of the text toward each stance
 * target asked for so far ({@code stance}: target to probabilities, empty when none; see
 * {@code analyse.label.StanceTargets}), and how many sentences the text has ({@code sentencesInText}: more than
 * {@code sentences} when a long post was analysed on a sample of them).
 */
public record Analysis(List<SentenceSentiment> sentences, List<EntityMention> entities, double[] labelProbabilities,
    int sentencesInText, Map<String, double[]> stance) {
  public Analysis {
    sentences = List.copyOf(sentences);
    entities = List.copyOf(entities);
    sentencesInText = Math.max(sentencesInText, sentences.size());
    stance = stance == null ? Map.of() : Map.copyOf(stance); // entries cached before stance have none
  }

  public Analysis(List<SentenceSentiment> sentences, List<EntityMention> entities, double[] labelProbabilities,
      int sentencesInText) {
    this(sentences, entities, labelProbabilities, sentencesInText, Map.of());
  }

  /** What CoreNLP alone says about a text it read whole. */
  public Analysis(List<SentenceSentiment> sentences, List<EntityMention> entities) {
    this(sentences, entities, null, sentences.size());
  }

  /**
   * This analysis with more stance readings: {@code post} for the whole text, {@code perSentence} by sentence index
   * (either may be empty); the readings it had are kept.
   */
  public Analysis withStance(Map<String, double[]> post, Map<Integer, Map<String, double[]>> perSentence) {
    Map<String, double[]> merged = new LinkedHashMap<>(stance);
    merged.putAll(post);
    List<SentenceSentiment> withSentences = new ArrayList<>(sentences.size());
    for (SentenceSentiment s : sentences) {
      Map<String, double[]> more = perSentence.get(s.index());
      withSentences.add(more == null || more.isEmpty() ? s : s.withStance(more));
    }
    return new Analysis(withSentences, entities, labelProbabilities, sentencesInText, merged);
  }

  /**
   * CoreNLP's part of this analysis alone: no label model probabilities or stance readings, of the text or of its
   * sentences (what a cached analysis keeps when another label model is to read the text).
   */
  public Analysis withoutReadings() {
    return new Analysis(sentences.stream().map(SentenceSentiment::withoutReadings).toList(), entities, null,
        sentencesInText, Map.of());
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
    return new Analysis(labelled, entities, post, sentencesInText, stance);
  }
}
