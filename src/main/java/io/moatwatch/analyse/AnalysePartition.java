package io.moatwatch.analyse;

import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.AnalysisCodec;
import io.moatwatch.analyse.corenlp.Analyzers;
import io.moatwatch.analyse.corenlp.CoreNlpAnalyzer;
import io.moatwatch.analyse.corenlp.TimeLimit;
import io.moatwatch.analyse.label.LabelModel;
import io.moatwatch.analyse.label.LabelModelException;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.analyse.label.LabelModels;
import io.moatwatch.analyse.label.PostSentiment;
import io.moatwatch.analyse.label.SentenceReadings;
import io.moatwatch.analyse.label.TopicSentiment;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.schema.RowBuilder;
import io.moatwatch.schema.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NLP stage, on executors: {@link Columns#NLP_IN} rows in, {@link Columns#ANALYSED} rows out. Rows with
 * status {@code pending} are analysed with this JVM's shared {@link CoreNlpAnalyzer} and, unless
 * {@code --labels corenlp}, labelled by its shared {@link LabelModel} (the whole text, the sentences that name a
 * topic or an entity ({@code --sentence-labels}, {@link SentenceReadings}), the text toward each topic it names
 * ({@code --topic-stance}) and the sentences that name two or more topics toward each of them; both fetched once
 * per partition, loaded once per JVM); scores and labels come from {@link PostSentiment}
 * and {@link TopicSentiment}. Every other row passes
 * through with empty analysis columns. The stage is partitioned and sorted by cleaned text, so exact duplicate
 * texts arrive one after the other and are analysed once, keeping only the previous analysis in memory. A post
 * whose row carries a cached analysis (the annotation cache, see {@code cache.AnnotationCache}) is not analysed by
 * CoreNLP at all; the models are only loaded when some post in the partition is neither cached nor a duplicate,
 * or needs a reading (a sentence's or a stance) its cached analysis lacks, or whose cached readings another label
 * model made (then only the model reads it again, and that is a fresh entry). Each analysed row says where its
 * analysis came from ({@link Columns#ANALYSIS_SOURCE}), and fresh analyses are emitted for the cache
 * ({@link Columns#NEW_ANALYSIS}). A post CoreNLP fails on becomes {@code failed} with the error as its reason; it
 * never fails the task.
 */
public final class AnalysePartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AnalysePartition.class);
  private static final int LOG_EVERY = 200;
  private static final RowBuilder.Shape ANALYSED = RowBuilder.shape(Columns.ANALYSED);
  /** CoreNLP and the label model on every pending post; adds the analysis columns of {@link Columns#ANALYSED}. */
  public static final Contract STAGE = new Contract("nlp",
      List.of(Columns.STATUS, Columns.REASON, Columns.POST_ID, Columns.TEXT_CLEAN, Columns.TEXT_CODE, Columns.TOPICS,
          Columns.TOPICS_INHERITED, Columns.CACHED),
      Columns.added(Columns.ANALYSED, Columns.NLP_IN));
  private static final int STATUS = Columns.NLP_IN.fieldIndex(Columns.STATUS);
  private static final int TEXT = Columns.NLP_IN.fieldIndex(Columns.TEXT_CLEAN);
  private static final int CODE = Columns.NLP_IN.fieldIndex(Columns.TEXT_CODE);
  private static final int CACHED = Columns.NLP_IN.fieldIndex(Columns.CACHED);
  private static final int POST_ID = Columns.NLP_IN.fieldIndex(Columns.POST_ID);
  private static final int TOPICS = Columns.NLP_IN.fieldIndex(Columns.TOPICS);
  private static final int INHERITED = Columns.NLP_IN.fieldIndex(Columns.TOPICS_INHERITED);
  private static final int PLATFORM = Columns.NLP_IN.fieldIndex(Columns.SOURCE);

  private final NlpTask task;
  /** Where each partition adds the thread time of its CoreNLP and label-model calls (null: not counted). */
  private final NlpTime time;

  public AnalysePartition(NlpTask task) {
    this(task, null);
  }

  public AnalysePartition(NlpTask task, NlpTime time) {
    this.task = task;
    this.time = time;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Partition(rows, TaskContext.getPartitionId());
  }

  /** The rows of one partition, analysed one after another. */
  private final class Partition implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final int partition;
    private final TimeLimit limit = new TimeLimit(task.maxPostSeconds());
    private final long start = System.nanoTime();
    private CoreNlpAnalyzer analyzer;
    private LabelModel model;
    private long analysed;
    private long reusedHere;
    private long fromCache;
    private long rereadHere;
    /**
     * Nanoseconds in CoreNLP's analyses and in the label model's calls, not yet added to {@link #time}: atomic, as a
     * fresh analysis runs on the time limit's thread (one abandoned at the limit counts if it ends before the
     * partition does).
     */
    private final AtomicLong corenlpNanos = new AtomicLong();
    private final AtomicLong modelNanos = new AtomicLong();
    /**
     * The partition arrives sorted by text: a text (with the same code blocks and log lines) equal to the previous
     * one reuses its analysis.
     */
    private String previousText;
    private String previousCode;
    private String previousPlatform;
    private Analysis previous;

    Partition(Iterator<Row> rows, int partition) {
      this.rows = rows;
      this.partition = partition;
    }

    @Override
    public boolean hasNext() {
      boolean more = rows.hasNext();
      if (!more) {
        limit.close();
        long corenlp = corenlpNanos.getAndSet(0);
        long labels = modelNanos.getAndSet(0);
        if (time != null) {
          time.corenlpNanos().add(corenlp);
          time.labelModelNanos().add(labels);
        }
      }
      if (!more && analysed > 0) {
        LOG.info("NLP partition {}: {} posts analysed in {} s ({} from the annotation cache, {} of them read again"
            + " by this label model; {} duplicate texts analysed once)", partition, analysed,
            String.format("%.1f", seconds()), fromCache, rereadHere, reusedHere);
        analysed = 0;
      }
      return more;
    }

    @Override
    public Row next() {
      Row in = rows.next();
      // The cached analysis is read below and not carried further (it can be large).
      RowBuilder out = ANALYSED.row().copy(in, Columns.NLP_IN).set(Columns.CACHED, null);
      if (!Status.PENDING.label().equals(in.getString(STATUS))) {
        return out.build();
      }
      String status;
      String reason = null;
      try {
        PostSentiment sentiment = analyse(in, out);
        status = sentiment.scored() ? Status.OK.label() : Status.UNSCORED.label();
        if (!sentiment.scored()) {
          reason = "every sentence is longer than " + task.corenlp().maxSentenceTokens() + " tokens";
        }
      } catch (TimeoutException e) {
        LOG.warn("CoreNLP gave up on {} after the {} s limit", in.getString(POST_ID), task.maxPostSeconds());
        out.set(Columns.PIPELINE, task.pipeline());
        status = Status.TIMED_OUT.label();
        reason = "CoreNLP time limit; over " + task.maxPostSeconds() + " s (--max-post-seconds)";
        previousText = in.getString(TEXT); // duplicates of this text time out at once, not after the limit
        previousCode = in.isNullAt(CODE) ? null : in.getString(CODE);
        previousPlatform = in.isNullAt(PLATFORM) ? null : in.getString(PLATFORM);
        previous = null;
      } catch (LoadFailure e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.warn("NLP failed on {}: {}", in.getString(POST_ID), e.toString(), e);
        out.set(Columns.PIPELINE, task.pipeline());
        status = Status.FAILED.label();
        reason = e instanceof LabelModelException ? e.getMessage() : "CoreNLP failed: " + e;
      }
      if (++analysed % LOG_EVERY == 0) {
        LOG.info("NLP partition {}: {} posts analysed ({} posts/s)", partition, analysed,
            String.format("%.1f", analysed / seconds()));
      }
      return out.set(Columns.STATUS, status).set(Columns.REASON, reason).build();
    }

    /** Analyses one pending post (or reuses the previous or the cached analysis) and sets its columns. */
    private PostSentiment analyse(Row in, RowBuilder out) throws TimeoutException {
      String text = in.getString(TEXT);
      String code = in.isNullAt(CODE) ? null : in.getString(CODE);
      List<String> topics = in.isNullAt(TOPICS) ? List.of() : in.getList(TOPICS);
      boolean inherited = !in.isNullAt(INHERITED) && in.getBoolean(INHERITED);
      String platform = in.isNullAt(PLATFORM) ? null : in.getString(PLATFORM);
      Set<String> postTargets = TopicSentiment.postTargets(topics, inherited, task.targets());
      Analysis a;
      String source;
      String fresh = null;
      // The previous post's analysis serves only a post its readings are for: the model may read some platforms'
      // posts through a path of their own (LabelModelSpec.Genres).
      if (text.equals(previousText) && Objects.equals(code, previousCode) && sameGenre(platform, previousPlatform)) {
        if (previous == null) {
          throw new TimeoutException("the same text as the previous post, which timed out");
        }
        a = withReadings(previous, text, postTargets, platform);
        source = "duplicate";
        reusedHere++;
      } else {
        AnalysisCodec.Entry cached = in.isNullAt(CACHED) ? null : entryOrNull(in.getString(CACHED));
        String readings = task.model() == null ? null : task.model().readings(platform);
        if (cached != null) {
          // Readings another label model (or another path of this one) made are not this run's: CoreNLP's part
          // is kept, the model reads the text again, and that is stored as an entry of its own.
          boolean reread = !Objects.equals(cached.labels(), readings);
          a = withReadings(reread ? cached.analysis().withoutReadings() : cached.analysis(), text, postTargets,
              platform);
          source = "cache";
          fromCache++;
          if (reread && readings != null) {
            fresh = AnalysisCodec.encode(a, readings);
            rereadHere++;
          }
        } else {
          load(); // only when something is not cached: a full hit loads no model
          CoreNlpAnalyzer nlp = analyzer;
          a = limit.call(() -> withReadings(timed(corenlpNanos, () -> nlp.analyse(text, code)), text, postTargets,
              platform));
          source = "nlp";
          fresh = AnalysisCodec.encode(a, readings);
        }
        previousText = text;
        previousCode = code;
        previousPlatform = platform;
      }
      previous = a;
      List<List<String>> sentenceTopics = sentenceTopics(a);
      // Only the sentences this run reads: a cached analysis may hold more (a run with --sentence-labels all).
      Analysis shown = task.model() == null ? a
          : SentenceReadings.only(a, SentenceReadings.of(a, sentenceTopics, task.labels().sentenceLabels()));
      PostSentiment sentiment = PostSentiment.of(shown, task.labels());
      AnalysisColumns.set(out, shown, sentiment, sentenceTopics, TopicSentiment.ofPost(shown, sentiment, topics,
          inherited, task.targets()), task.targets(), task.pipeline());
      out.set(Columns.ANALYSIS_SOURCE, source).set(Columns.NEW_ANALYSIS, fresh);
      return sentiment;
    }

    /**
     * {@code a} with the label model's readings the post needs and it lacks (none with CoreNLP labels): of the whole
     * text, of the sentences {@code --sentence-labels} reads ({@link SentenceReadings}), and the stance readings.
     * A fresh analysis has none; a cached or a duplicate one has those an earlier run or post made.
     */
    private Analysis withReadings(Analysis a, String text, Set<String> postTargets, String platform) {
      if (task.model() == null) {
        return a;
      }
      List<List<String>> sentenceTopics = sentenceTopics(a);
      Set<Integer> read = SentenceReadings.of(a, sentenceTopics, task.labels().sentenceLabels());
      Analysis labelled = a;
      if (a.labelProbabilities() == null || !SentenceReadings.lacking(a, read).isEmpty()) {
        loadModel();
        labelled = timed(modelNanos, () -> model.label(a, text, read, platform));
      }
      return withStance(labelled, text, postTargets, sentenceTopics);
    }

    /** Whether posts of the two platforms are read through the same path of the label model. */
    private boolean sameGenre(String platform, String other) {
      return task.model() == null || task.model().genre(platform) == task.model().genre(other);
    }

    /** {@code a} with the stance readings the post and its sentences need and it lacks (none without stance). */
    private Analysis withStance(Analysis a, String text, Set<String> postTargets, List<List<String>> sentenceTopics) {
      Map<Integer, Set<String>> sentenceTargets = TopicSentiment.sentenceTargets(sentenceTopics, task.targets());
      if (postTargets.isEmpty() && sentenceTargets.isEmpty()) {
        return a;
      }
      boolean lacking = postTargets.stream().anyMatch(t -> !a.stance().containsKey(t))
          || sentenceTargets.entrySet().stream().anyMatch(e -> e.getValue().stream()
              .anyMatch(t -> !a.sentences().get(e.getKey()).stance().containsKey(t)));
      if (!lacking) {
        return a;
      }
      loadModel();
      return timed(modelNanos, () -> model.withStance(a, text, postTargets, sentenceTargets));
    }

    private List<List<String>> sentenceTopics(Analysis a) {
      return TopicSentiment.sentenceTopics(a, task.topics());
    }

    /**
     * Fetches this JVM's pipeline and label model. A model that cannot be loaded is a broken installation, not a
     * bad post: it fails the task (and so the run, with the reason), instead of every post one by one.
     */
    private void load() {
      if (analyzer == null) {
        try {
          analyzer = Analyzers.get(task.corenlp());
        } catch (RuntimeException e) {
          throw new LoadFailure(e);
        }
      }
      loadModel();
    }

    /** Fetches this JVM's label model only (a cached analysis that lacks a stance reading needs no CoreNLP). */
    private void loadModel() {
      if (model == null && task.model() != null) {
        try {
          model = LabelModels.get(task.model(), modelDirectoryHere(task.model()));
        } catch (RuntimeException e) {
          throw new LoadFailure(e);
        }
      }
    }

    /** {@code call}'s result, its thread time added to {@code nanos} (a call that throws is not counted). */
    private static Analysis timed(AtomicLong nanos, Supplier<Analysis> call) {
      long began = System.nanoTime();
      Analysis result = call.get();
      nanos.addAndGet(System.nanoTime() - began);
      return result;
    }

    private double seconds() {
      return Math.max((System.nanoTime() - start) / 1e9, 1e-3);
    }
  }

  /**
   * Where this JVM reads a user's label model directory: the path itself where it exists (local runs, shared
   * file systems), else the copy Spark shipped to this executor ({@code SparkContext.addFile}, see the job).
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
  private static AnalysisCodec.Entry entryOrNull(String json) {
    try {
      return AnalysisCodec.entry(json);
    } catch (RuntimeException e) {
      LOG.warn("Ignoring an unreadable annotation cache entry: {}", e.toString());
      return null;
    }
  }
}
