package io.moatwatch.evaluate;

import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.CoreNlpAnalyzer;
import io.moatwatch.analyse.label.LabelModel;
import io.moatwatch.analyse.label.PostSentiment;
import io.moatwatch.analyse.label.SentenceReadings;
import io.moatwatch.analyse.label.StanceTargets;
import io.moatwatch.analyse.label.TopicSentiment;
import io.moatwatch.config.Labels;
import io.moatwatch.prepare.clean.CleanText;
import io.moatwatch.prepare.clean.TextCleaner;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.prepare.topics.TopicsFile;
import io.moatwatch.prepare.topics.TopicsFileException;
import io.moatwatch.schema.Markup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the job's own path over labelled texts: {@link TextCleaner} (as the readers' markup says), the shared
 * {@link CoreNlpAnalyzer}, the shared {@link LabelModel} over the cleaned text and the sentences the job reads
 * ({@link SentenceReadings}: those naming one of the built-in topics or an entity), and
 * {@link PostSentiment#of}, on several threads sharing one pipeline and one model as an executor does. What
 * reaches a label is the same as what reaches the {@code posts} table.
 */
final class Evaluator {
  /**
   * What the job makes of one text.
   *
   * @param sentiment the post's figures (CoreNLP's always; the model's when a model ran), or null when cleaning
   *                  left nothing (the job would skip the post as {@code empty}; it counts as neutral here)
   */
  record Prediction(PostSentiment sentiment, Map<String, double[]> stance) {
    Prediction(PostSentiment sentiment) {
      this(sentiment, Map.of());
    }

    /** Whether CoreNLP scored at least one sentence (else the CoreNLP mappings count it as neutral). */
    boolean scored() {
      return sentiment != null && sentiment.corenlpScore() != null;
    }

    /** CoreNLP's post score, 0 when not scored. */
    double score() {
      return scored() ? sentiment.corenlpScore() : 0;
    }

    /** CoreNLP's five class probabilities averaged over the scored sentences (all neutral when not scored). */
    double[] meanProbability() {
      return scored() ? sentiment.corenlpMean() : new double[] {0, 0, 1, 0, 0};
    }

    /** The label model's label (neutral when cleaning left nothing), or null when no model ran. */
    String modelLabel() {
      if (sentiment == null) {
        return "neutral";
      }
      return sentiment.probabilities() == null ? null : PostSentiment.modelLabel(sentiment.probabilities());
    }
  }

  private static final TextCleaner CLEANER = new TextCleaner();
  /** The job's default topics: which sentences name a topic. */
  private static final TopicSet TOPICS = builtinTopics();

  private final CoreNlpAnalyzer analyzer;
  private final LabelModel model;
  private final int threads;
  private final Labels labelling;
  private final AtomicLong coreNlpNanos = new AtomicLong();
  private final AtomicLong modelNanos = new AtomicLong();

  /** {@code model}: the label model, or null to measure CoreNLP alone. */
  Evaluator(CoreNlpAnalyzer analyzer, LabelModel model, int threads) {
    this.analyzer = analyzer;
    this.model = model;
    this.threads = threads;
    this.labelling = new Labels(model == null ? Labels.Source.CORENLP : Labels.Source.MODEL,
        -Labels.STOCK_BAND, Labels.STOCK_BAND, null);
  }

  /** What the job makes of each item of a set whose items it would read from {@code platform} (an item's own first). */
  List<Prediction> predict(List<LabelledItem> items, Markup markup, String platform) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Prediction>> futures = new ArrayList<>();
      for (LabelledItem item : items) {
        futures.add(pool.submit(() -> predict(item, markup, platform)));
      }
      List<Prediction> out = new ArrayList<>();
      for (Future<Prediction> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  Prediction predict(String text, Markup markup) {
    return predict(new LabelledItem("", text, "neutral"), markup, null);
  }

  /**
   * What the job makes of one item, cleaned as its own markup says (else the set's); for an item whose gold names
   * two or more stacks, with the model's reading toward each (by the gold's stack key) when the model reads stance.
   */
  Prediction predict(LabelledItem item, Markup setMarkup, String setPlatform) {
    CleanText clean = CLEANER.clean(item.text(), item.about() == null ? setMarkup : item.about().markup());
    if (clean.isEmpty()) {
      return new Prediction(null);
    }
    long t0 = System.nanoTime();
    Analysis a = analyzer.analyse(clean.text());
    long t1 = System.nanoTime();
    Map<String, double[]> stance = new LinkedHashMap<>();
    if (model != null) {
      // the sentences the job reads by default (--sentence-labels named); no figure here reads a sentence's label,
      // but the model's time below is then near the job's (stance readings: only items naming two or more stacks)
      a = model.label(a, clean.text(), SentenceReadings.of(a, TopicSentiment.sentenceTopics(a, TOPICS),
          labelling.sentenceLabels()), item.about() != null ? item.about().platform() : setPlatform);
      if (model.spec().readsStance() && item.about() != null && item.about().stance().size() >= 2) {
        for (String stack : item.about().stance().keySet()) {
          stance.put(stack, model.stance(StanceTargets.text(stack), clean.text()));
        }
      }
    }
    coreNlpNanos.addAndGet(t1 - t0);
    modelNanos.addAndGet(System.nanoTime() - t1);
    return new Prediction(PostSentiment.of(a, labelling), stance);
  }

  private static TopicSet builtinTopics() {
    try {
      return TopicsFile.load(TopicsFile.BUILTIN);
    } catch (TopicsFileException e) {
      throw new IllegalStateException("the built-in topics file cannot be read: " + e.getMessage(), e);
    }
  }

  /** Thread-seconds spent in CoreNLP so far (summed over the threads). */
  double coreNlpSeconds() {
    return coreNlpNanos.get() / 1e9;
  }

  /** Thread-seconds spent in the label model so far. */
  double modelSeconds() {
    return modelNanos.get() / 1e9;
  }
}
