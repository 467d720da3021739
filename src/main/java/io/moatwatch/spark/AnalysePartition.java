package io.moatwatch.spark;

import io.moatwatch.devtext.DevTextModel;
import io.moatwatch.nlp.Analysis;
import io.moatwatch.nlp.Analyzers;
import io.moatwatch.nlp.CoreNlpAnalyzer;
import io.moatwatch.nlp.EntityMention;
import io.moatwatch.nlp.NlpSettings;
import io.moatwatch.nlp.SentenceSentiment;
import io.moatwatch.nlp.SentimentMath;
import io.moatwatch.prepare.Status;
import io.moatwatch.topics.TopicSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NLP stage, on executors: {@link Columns#THREADED} rows in, {@link Columns#ANALYSED} rows out. Rows with
 * status {@code pending} are analysed with this JVM's shared {@link CoreNlpAnalyzer} (fetched once per
 * partition, loaded once per JVM); every other row passes through with empty analysis columns. The stage is
 * partitioned and sorted by cleaned text, so exact duplicate texts arrive one after the other and are analysed
 * once, keeping only the previous analysis in memory (reuses are counted in the {@code reused} accumulator).
 * A post CoreNLP
 * fails on becomes {@code failed} with the error as its reason; it never fails the task.
 */
final class AnalysePartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AnalysePartition.class);
  private static final int LOG_EVERY = 200;
  private static final int ANALYSIS_COLUMNS = Columns.ANALYSED.size() - Columns.THREADED.size();

  private final NlpSettings settings;
  private final TopicSet topics;
  private final double neutralLow;
  private final double neutralHigh;
  private final DevTextModel devtext;
  private final LongAccumulator reused;

  /** {@code devtext}: when not null, the post label comes from this model (small; it travels with the task). */
  AnalysePartition(NlpSettings settings, TopicSet topics, double neutralLow, double neutralHigh,
      DevTextModel devtext, LongAccumulator reused) {
    this.settings = settings;
    this.topics = topics;
    this.neutralLow = neutralLow;
    this.neutralHigh = neutralHigh;
    this.devtext = devtext;
    this.reused = reused;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    int statusIndex = Columns.THREADED.fieldIndex(Columns.STATUS);
    int textIndex = Columns.THREADED.fieldIndex(Columns.TEXT_CLEAN);
    int partition = TaskContext.getPartitionId();
    return new Iterator<>() {
      private CoreNlpAnalyzer analyzer;
      private long analysed;
      private long reusedHere;
      private final long start = System.nanoTime();
      /** The partition arrives sorted by text: a text equal to the previous one reuses its analysis. */
      private String previousText;
      private Analysis previous;

      @Override
      public boolean hasNext() {
        boolean more = rows.hasNext();
        if (!more && analysed > 0) {
          LOG.info("NLP partition {}: {} posts analysed in {} s ({} of them duplicate texts analysed once)",
              partition, analysed, String.format("%.1f", seconds()), reusedHere);
          analysed = 0;
        }
        return more;
      }

      @Override
      public Row next() {
        Row in = rows.next();
        if (!Status.PENDING.label().equals(in.getString(statusIndex))) {
          return concat(values(in), new Object[ANALYSIS_COLUMNS]);
        }
        if (analyzer == null) {
          analyzer = Analyzers.get(settings);
        }
        Object[] extra;
        String status;
        String reason = null;
        try {
          String text = in.getString(textIndex);
          Analysis a;
          if (text.equals(previousText)) {
            a = previous;
            reusedHere++;
            reused.add(1);
          } else {
            a = analyzer.analyse(text);
            previousText = text;
            previous = a;
          }
          extra = analysisColumns(a, text);
          status = a.sentences().stream().anyMatch(SentenceSentiment::scored)
              ? Status.OK.label() : Status.UNSCORED.label();
          if (status.equals(Status.UNSCORED.label())) {
            reason = "every sentence is longer than " + settings.maxSentenceTokens() + " tokens";
          }
        } catch (RuntimeException e) {
          LOG.warn("CoreNLP failed on {}: {}", in.getString(Columns.THREADED.fieldIndex(Columns.POST_ID)), e.toString());
          extra = new Object[ANALYSIS_COLUMNS];
          extra[ANALYSIS_COLUMNS - 1] = pipeline();
          status = Status.FAILED.label();
          reason = "CoreNLP failed: " + e;
        }
        if (++analysed % LOG_EVERY == 0) {
          LOG.info("NLP partition {}: {} posts analysed ({} posts/s)", partition, analysed,
              String.format("%.1f", analysed / seconds()));
        }
        Object[] values = values(in);
        values[statusIndex] = status;
        values[Columns.THREADED.fieldIndex(Columns.REASON)] = reason;
        return concat(values, extra);
      }

      private double seconds() {
        return Math.max((System.nanoTime() - start) / 1e9, 1e-3);
      }
    };
  }

  private Object[] analysisColumns(Analysis a, String text) {
    List<Double> scores = new ArrayList<>();
    int[] classes = new int[5];
    List<Row> sentences = new ArrayList<>();
    List<List<String>> sentenceEntities = new ArrayList<>();
    for (int i = 0; i < a.sentences().size(); i++) {
      sentenceEntities.add(new ArrayList<>());
    }
    for (EntityMention m : a.entities()) {
      if (m.sentenceIndex() >= 0 && m.sentenceIndex() < sentenceEntities.size()
          && !sentenceEntities.get(m.sentenceIndex()).contains(m.canonical())) {
        sentenceEntities.get(m.sentenceIndex()).add(m.canonical());
      }
    }
    for (SentenceSentiment s : a.sentences()) {
      if (s.scored()) {
        scores.add(s.score());
        classes[s.sentimentClass()]++;
      }
      List<Double> probs = new ArrayList<>();
      for (double p : s.probabilities()) {
        probs.add(p);
      }
      sentences.add(RowFactory.create(s.index(), s.text(), s.tokens(),
          s.scored() ? s.sentimentClass() : null, s.scored() ? Columns.seq(probs) : null, s.scored() ? s.score() : null,
          Columns.seq(topics.match(s.text())), Columns.seq(sentenceEntities.get(s.index()))));
    }
    List<Row> entities = new ArrayList<>();
    for (EntityMention m : a.entities()) {
      entities.add(RowFactory.create(m.text(), m.type(), m.canonical(), m.sentenceIndex()));
    }
    Double score = SentimentMath.postScore(scores);
    String label = score == null ? null
        : devtext != null ? devtext.label(text) : SentimentMath.label(score, neutralLow, neutralHigh);
    return new Object[] {
        a.sentences().size(), scores.size(), score, label,
        classes[0], classes[1], classes[2], classes[3], classes[4], Columns.seq(entities), Columns.seq(sentences),
        pipeline()};
  }

  /** The pipeline column: CoreNLP's settings, and where the labels came from when not from the band. */
  private String pipeline() {
    return devtext == null ? settings.signature() : settings.signature() + "/labels=devtext";
  }

  private static Object[] values(Row in) {
    Object[] values = new Object[in.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.get(i);
    }
    return values;
  }

  private static Row concat(Object[] a, Object[] b) {
    Object[] all = new Object[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return RowFactory.create(all);
  }
}
