package io.moatwatch.analyse;

import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.EntityMention;
import io.moatwatch.analyse.corenlp.SentenceSentiment;
import io.moatwatch.analyse.label.PostSentiment;
import io.moatwatch.analyse.label.StanceTargets;
import io.moatwatch.analyse.label.TopicSentiment;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.RowBuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import scala.collection.immutable.Seq;

/**
 * The analysis columns of {@link Columns#ANALYSED} for one analysed post: its sentences (with their topics and each
 * topic's label), entities, scores and labels, and {@link Columns#TOPIC_SENTIMENT}.
 */
final class AnalysisColumns {
  private static final RowBuilder.Shape SENTENCE = RowBuilder.shape(Columns.SENTENCE);
  private static final RowBuilder.Shape ENTITY = RowBuilder.shape(Columns.ENTITY);
  private static final RowBuilder.Shape TOPIC_LABEL = RowBuilder.shape(Columns.TOPIC_LABEL);

  private AnalysisColumns() {}

  /**
   * Sets the columns on {@code out}: {@code a} as analysed, {@code p} its scores and labels, {@code sentenceTopics}
   * each sentence's topics, {@code topicLabels} the post's topics with their labels.
   */
  static void set(RowBuilder out, Analysis a, PostSentiment p, List<List<String>> sentenceTopics,
      List<TopicSentiment> topicLabels, StanceTargets targets, String pipeline) {
    List<List<String>> sentenceEntities = sentenceEntities(a);
    List<Row> sentences = new ArrayList<>();
    int scoredSentences = 0;
    for (SentenceSentiment s : a.sentences()) {
      PostSentiment.Sentence l = p.sentences().get(s.index());
      if (l.score() != null) {
        scoredSentences++;
      }
      List<String> topics = sentenceTopics.get(s.index());
      sentences.add(SENTENCE.row()
          .set("index", s.index())
          .set("text", s.text())
          .set("tokens", s.tokens())
          .set("sentiment_class", s.scored() ? s.sentimentClass() : null)
          .set("probabilities", s.scored() ? doubles(s.probabilities()) : null)
          .set("score", l.score())
          .set("label", l.label())
          .set("label_probabilities", doubles(l.probabilities()))
          .set("corenlp_score", l.corenlpScore())
          .set("corenlp_label", l.corenlpLabel())
          .set("topics", Columns.seq(topics))
          .set("topic_sentiment", topicRows(TopicSentiment.ofSentence(s, l, topics, targets)))
          .set("entities", Columns.seq(sentenceEntities.get(s.index())))
          .build());
    }
    List<Row> entities = new ArrayList<>();
    for (EntityMention m : a.entities()) {
      entities.add(ENTITY.row().set("text", m.text()).set("type", m.type()).set("canonical", m.canonical())
          .set("sentence", m.sentenceIndex()).set("kind", m.attributes().get("kind"))
          .set("vendor", m.attributes().get("vendor")).set("family", m.attributes().get("family"))
          .set("arch", m.attributes().get("arch")).set("version", m.attributes().get("version"))
          .set("found_in", m.foundIn()).build());
    }
    out.set(Columns.N_SENTENCES, a.sentencesInText())
        .set(Columns.N_SENTENCES_SCORED, scoredSentences)
        .set(Columns.SENTIMENT_SCORE, p.scored() ? p.score() : null)
        .set(Columns.SENTIMENT_LABEL, p.scored() ? p.label() : null)
        .set(Columns.SENTIMENT_PROBABILITIES, doubles(p.probabilities()))
        .set(Columns.TOPIC_SENTIMENT, topicRows(topicLabels))
        .set(Columns.CORENLP_SCORE, p.corenlpScore())
        .set(Columns.CORENLP_LABEL, p.corenlpLabel())
        .set(Columns.ENTITIES, Columns.seq(entities))
        .set(Columns.SENTENCES, Columns.seq(sentences))
        .set(Columns.PIPELINE, pipeline);
    for (int c = 0; c < Columns.CLASS_COUNTS.size(); c++) {
      out.set(Columns.CLASS_COUNTS.get(c), p.classCounts()[c]);
    }
  }

  /** The canonical names of the entities of each sentence, each once, in order of mention. */
  private static List<List<String>> sentenceEntities(Analysis a) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < a.sentences().size(); i++) {
      out.add(new ArrayList<>());
    }
    for (EntityMention m : a.entities()) {
      if (m.sentenceIndex() >= 0 && m.sentenceIndex() < out.size()
          && !out.get(m.sentenceIndex()).contains(m.canonical())) {
        out.get(m.sentenceIndex()).add(m.canonical());
      }
    }
    return out;
  }

  private static Seq<Row> topicRows(List<TopicSentiment> labels) {
    List<Row> rows = new ArrayList<>(labels.size());
    for (TopicSentiment t : labels) {
      rows.add(TOPIC_LABEL.row().set("topic", t.topic()).set("label", t.label()).set("score", t.score())
          .set("source", t.source().label()).build());
    }
    return Columns.seq(rows);
  }

  private static Seq<Double> doubles(double[] values) {
    if (values == null) {
      return null;
    }
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return Columns.seq(list);
  }
}
