package io.moatwatch.analyse;

import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.AnalysisCodec;
import io.moatwatch.analyse.corenlp.Analyzers;
import io.moatwatch.analyse.corenlp.CoreNlpAnalyzer;
import io.moatwatch.analyse.corenlp.EntityMention;
import io.moatwatch.analyse.corenlp.NlpSettings;
import io.moatwatch.analyse.corenlp.SentenceSentiment;
import io.moatwatch.analyse.corenlp.TimeLimit;
import io.moatwatch.analyse.label.LabelModel;
import io.moatwatch.analyse.label.LabelModelException;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.analyse.label.LabelModels;
import io.moatwatch.analyse.label.PostSentiment;
import io.moatwatch.config.Labels;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.schema.RowBuilder;
import io.moatwatch.schema.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NLP stage, on executors: {@link Columns#NLP_IN} rows in, {@link Columns#ANALYSED} rows out. Rows with
 * status {@code pending} are analysed with this JVM's shared {@link CoreNlpAnalyzer} and, unless
 * {@code --labels corenlp}, labelled by its shared {@link LabelModel} (the whole text and each sentence; both
 * fetched once per partition, loaded once per JVM); scores and labels come from {@link PostSentiment}. Every
 * other row passes through with empty analysis columns. The stage is
 * partitioned and sorted by cleaned text, so exact duplicate texts arrive one after the other and are analysed
 * once, keeping only the previous analysis in memory. A post whose row carries a cached analysis (the
 * annotation cache, see {@code AnnotationCache}) is not analysed at all; the pipeline is only loaded when
 * some post in the partition is neither cached nor a duplicate. Each analysed row says where its analysis came
 * from ({@link Columns#ANALYSIS_SOURCE}), and fresh analyses are emitted for the cache
 * ({@link Columns#NEW_ANALYSIS}). A post CoreNLP fails on becomes {@code failed} with the error as its reason;
 * it never fails the task.
 */
public final class AnalysePartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AnalysePartition.class);
  private static final int LOG_EVERY = 200;
  private static final RowBuilder.Shape ANALYSED = RowBuilder.shape(Columns.ANALYSED);
  /** CoreNLP and the label model on every pending post; adds the analysis columns of {@link Columns#ANALYSED}. */
  public static final Contract STAGE = new Contract("nlp",
      List.of(Columns.STATUS, Columns.REASON, Columns.POST_ID, Columns.TEXT_CLEAN, Columns.CACHED),
      Columns.added(Columns.ANALYSED, Columns.NLP_IN));
  private static final RowBuilder.Shape SENTENCE = RowBuilder.shape(Columns.SENTENCE);
  private static final RowBuilder.Shape ENTITY = RowBuilder.shape(Columns.ENTITY);

  private final NlpSettings settings;
  private final TopicSet topics;
  private final Labels labelling;
  private final LabelModelSpec labelModel;
  private final double maxPostSeconds;
  /** The pipeline column, computed once on the driver: it hashes the gazetteer. */
  private final String pipeline;

  public AnalysePartition(NlpTask task) {
    this.settings = task.corenlp();
    this.topics = task.topics();
    this.labelling = task.labels();
    this.labelModel = task.model();
    this.maxPostSeconds = task.maxPostSeconds();
    this.pipeline = task.pipeline();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    int statusIndex = Columns.NLP_IN.fieldIndex(Columns.STATUS);
    int textIndex = Columns.NLP_IN.fieldIndex(Columns.TEXT_CLEAN);
    int cachedIndex = Columns.NLP_IN.fieldIndex(Columns.CACHED);
    int partition = TaskContext.getPartitionId();
    return new Iterator<>() {
      private CoreNlpAnalyzer analyzer;
      private LabelModel model;
      private final TimeLimit limit = new TimeLimit(maxPostSeconds);
      private long analysed;
      private long reusedHere;
      private long fromCache;
      private final long start = System.nanoTime();
      /** The partition arrives sorted by text: a text equal to the previous one reuses its analysis. */
      private String previousText;
      private Analysis previous;

      @Override
      public boolean hasNext() {
        boolean more = rows.hasNext();
        if (!more) {
          limit.close();
        }
        if (!more && analysed > 0) {
          LOG.info("NLP partition {}: {} posts analysed in {} s ({} from the annotation cache, {} duplicate texts"
              + " analysed once)", partition, analysed, String.format("%.1f", seconds()), fromCache, reusedHere);
          analysed = 0;
        }
        return more;
      }

      @Override
      public Row next() {
        Row in = rows.next();
        // The cached analysis is read below and not carried further (it can be large).
        RowBuilder out = ANALYSED.row().copy(in, Columns.NLP_IN).set(Columns.CACHED, null);
        if (!Status.PENDING.label().equals(in.getString(statusIndex))) {
          return out.build();
        }
        String status;
        String reason = null;
        try {
          String text = in.getString(textIndex);
          Analysis a = null;
          String source;
          String fresh = null;
          if (text.equals(previousText)) {
            if (previous == null) {
              throw new TimeoutException("the same text as the previous post, which timed out");
            }
            a = previous;
            source = "duplicate";
            reusedHere++;
          } else {
            if (!in.isNullAt(cachedIndex)) {
              a = decodeOrNull(in.getString(cachedIndex));
            }
            if (a != null) {
              source = "cache";
              fromCache++;
            } else {
              if (analyzer == null) {
                load(); // only when something is not cached: a full hit loads no model
              }
              CoreNlpAnalyzer nlp = analyzer;
              LabelModel labeller = model;
              a = limit.call(() -> labeller == null ? nlp.analyse(text) : labeller.label(nlp.analyse(text), text));
              source = "nlp";
              fresh = AnalysisCodec.encode(a);
            }
            previousText = text;
            previous = a;
          }
          PostSentiment sentiment = PostSentiment.of(a, labelling);
          analysisColumns(out, a, sentiment);
          out.set(Columns.ANALYSIS_SOURCE, source).set(Columns.NEW_ANALYSIS, fresh);
          status = sentiment.scored() ? Status.OK.label() : Status.UNSCORED.label();
          if (status.equals(Status.UNSCORED.label())) {
            reason = "every sentence is longer than " + settings.maxSentenceTokens() + " tokens";
          }
        } catch (TimeoutException e) {
          LOG.warn("CoreNLP gave up on {} after the {} s limit", in.getString(Columns.NLP_IN.fieldIndex(Columns.POST_ID)),
              maxPostSeconds);
          out.set(Columns.PIPELINE, pipeline);
          status = Status.TIMED_OUT.label();
          reason = "CoreNLP time limit; over " + maxPostSeconds + " s (--max-post-seconds)";
          previousText = in.getString(textIndex); // duplicates of this text time out at once, not after the limit
          previous = null;
        } catch (LoadFailure e) {
          throw e;
        } catch (RuntimeException e) {
          LOG.warn("NLP failed on {}: {}", in.getString(Columns.NLP_IN.fieldIndex(Columns.POST_ID)), e.toString());
          out.set(Columns.PIPELINE, pipeline);
          status = Status.FAILED.label();
          reason = e instanceof LabelModelException ? e.getMessage() : "CoreNLP failed: " + e;
        }
        if (++analysed % LOG_EVERY == 0) {
          LOG.info("NLP partition {}: {} posts analysed ({} posts/s)", partition, analysed,
              String.format("%.1f", analysed / seconds()));
        }
        return out.set(Columns.STATUS, status).set(Columns.REASON, reason).build();
      }

      /**
       * Fetches this JVM's pipeline and label model. A model that cannot be loaded is a broken installation, not
       * a bad post: it fails the task (and so the run, with the reason), instead of every post one by one.
       */
      private void load() {
        try {
          analyzer = Analyzers.get(settings);
          model = labelModel == null ? null : LabelModels.get(labelModel, modelDirectoryHere(labelModel));
        } catch (RuntimeException e) {
          throw new LoadFailure(e);
        }
      }

      private double seconds() {
        return Math.max((System.nanoTime() - start) / 1e9, 1e-3);
      }
    };
  }

  /** The analysis columns of {@link Columns#ANALYSED}, set on {@code out}. */
  private void analysisColumns(RowBuilder out, Analysis a, PostSentiment p) {
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
    List<Row> sentences = new ArrayList<>();
    int scoredSentences = 0;
    for (SentenceSentiment s : a.sentences()) {
      PostSentiment.Sentence l = p.sentences().get(s.index());
      if (l.score() != null) {
        scoredSentences++;
      }
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
          .set("topics", Columns.seq(topics.match(s.text())))
          .set("entities", Columns.seq(sentenceEntities.get(s.index())))
          .build());
    }
    List<Row> entities = new ArrayList<>();
    for (EntityMention m : a.entities()) {
      entities.add(ENTITY.row().set("text", m.text()).set("type", m.type()).set("canonical", m.canonical())
          .set("sentence", m.sentenceIndex()).build());
    }
    out.set(Columns.N_SENTENCES, a.sentencesInText())
        .set(Columns.N_SENTENCES_SCORED, scoredSentences)
        .set(Columns.SENTIMENT_SCORE, p.scored() ? p.score() : null)
        .set(Columns.SENTIMENT_LABEL, p.scored() ? p.label() : null)
        .set(Columns.SENTIMENT_PROBABILITIES, doubles(p.probabilities()))
        .set(Columns.CORENLP_SCORE, p.corenlpScore())
        .set(Columns.CORENLP_LABEL, p.corenlpLabel())
        .set(Columns.ENTITIES, Columns.seq(entities))
        .set(Columns.SENTENCES, Columns.seq(sentences))
        .set(Columns.PIPELINE, pipeline);
    for (int c = 0; c < Columns.CLASS_COUNTS.size(); c++) {
      out.set(Columns.CLASS_COUNTS.get(c), p.classCounts()[c]);
    }
  }

  private static scala.collection.immutable.Seq<Double> doubles(double[] values) {
    if (values == null) {
      return null;
    }
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return Columns.seq(list);
  }

  /**
   * Where this JVM reads a user's label model directory: the path itself where it exists (local runs, shared
   * file systems), else the copy Spark shipped to this executor ({@code SparkContext.addFile}, see MoatwatchJob).
   */
  static Path modelDirectoryHere(LabelModelSpec spec) {
    if (spec.isBuiltin()) {
      return null;
    }
    Path dir = Path.of(spec.location());
    return Files.isDirectory(dir) ? dir : Path.of(SparkFiles.get(dir.getFileName().toString()));
  }

  /** A model failed to load in this JVM: not a post's fault (see load()). */
  private static final class LoadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoadFailure(RuntimeException cause) {
      super("cannot load the NLP models in this executor: " + cause.getMessage(), cause);
    }
  }

  /** A cached analysis, or null when the entry cannot be decoded (it is then analysed again, and logged). */
  private static Analysis decodeOrNull(String json) {
    try {
      return AnalysisCodec.decode(json);
    } catch (RuntimeException e) {
      LOG.warn("Ignoring an unreadable annotation cache entry: {}", e.toString());
      return null;
    }
  }
}
