package io.moatwatch.nlp;

import java.util.List;

/** Everything CoreNLP says about one text: its sentences with sentiment, and its entities. */
public record Analysis(List<SentenceSentiment> sentences, List<EntityMention> entities) {
  public Analysis {
    sentences = List.copyOf(sentences);
    entities = List.copyOf(entities);
  }
}
