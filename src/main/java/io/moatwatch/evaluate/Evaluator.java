package io.moatwatch.evaluate;

import io.moatwatch.clean.CleanText;
import io.moatwatch.clean.TextCleaner;
import io.moatwatch.ingest.Markup;
import io.moatwatch.nlp.Analysis;
import io.moatwatch.nlp.CoreNlpAnalyzer;
import io.moatwatch.nlp.SentenceSentiment;
import io.moatwatch.nlp.SentimentMath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the job's own path over labelled texts: {@link TextCleaner} (as the readers' markup says), the shared
 * {@link CoreNlpAnalyzer}, and the post score of {@link SentimentMath}, on several threads sharing one
 * pipeline as an executor does. What reaches a label is the same as what reaches the {@code posts} table.
 */
final class Evaluator {
  /**
   * What the job makes of one text.
   *
   * @param score           the post score, -1..1 (0 when nothing was scored)
   * @param meanProbability the five class probabilities averaged over the scored sentences
   * @param scored          false when cleaning left nothing or every sentence was over the length cap (the job
   *                        would skip such a post as {@code empty} or {@code unscored}; it counts as neutral here)
   */
  record Prediction(double score, double[] meanProbability, boolean scored) {}

  private static final TextCleaner CLEANER = new TextCleaner();

  private final CoreNlpAnalyzer analyzer;
  private final int threads;

  Evaluator(CoreNlpAnalyzer analyzer, int threads) {
    this.analyzer = analyzer;
    this.threads = threads;
  }

  List<Prediction> predict(List<LabelledItem> items, Markup markup) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Prediction>> futures = new ArrayList<>();
      for (LabelledItem item : items) {
        futures.add(pool.submit(() -> predict(item.text(), markup)));
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
    CleanText clean = CLEANER.clean(text, markup);
    if (clean.isEmpty()) {
      return new Prediction(0, neutral(), false);
    }
    Analysis a = analyzer.analyse(clean.text());
    List<Double> scores = new ArrayList<>();
    double[] mean = new double[5];
    for (SentenceSentiment s : a.sentences()) {
      if (s.scored()) {
        scores.add(s.score());
        for (int i = 0; i < 5; i++) {
          mean[i] += s.probabilities()[i];
        }
      }
    }
    if (scores.isEmpty()) {
      return new Prediction(0, neutral(), false);
    }
    for (int i = 0; i < 5; i++) {
      mean[i] /= scores.size();
    }
    return new Prediction(SentimentMath.postScore(scores), mean, true);
  }

  /** The text as the job's cleaning leaves it (what the devtext model reads, as in the job). */
  static String cleaned(String text, Markup markup) {
    return CLEANER.clean(text, markup).text();
  }

  private static double[] neutral() {
    return new double[] {0, 0, 1, 0, 0};
  }
}
