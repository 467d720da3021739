package io.moatwatch.evaluate;

import io.moatwatch.evaluate.Evaluator.Prediction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The developer-text calibration of the neutral band, and the search that found it.
 *
 * <p>CoreNLP's model was trained on movie reviews, so its score sits differently on developer text.
 * {@link #search} picks the band {@code [low, high]} that maximises the mean macro-F1 over the tuning splits of
 * the three-class developer sets (GitHub validation, the first 700 Senti4SD training items, Jira fold 2); the
 * test splits are never seen. {@link #SE} is the result of {@code jobs/evaluate.sh --tune} (QUALITY.md): a
 * slightly narrower negative side and wider positive side than the stock band, a small but consistent gain.
 */
public final class Calibration {
  /** Found by {@code jobs/evaluate.sh --tune} on 2026-11-22 (QUALITY.md). */
  public static final LabelMapping SE = new LabelMapping(-0.12, 0.14);

  private Calibration() {}

  /** The best band, its mean tuning macro-F1, the stock band's, and the tuning split sizes. */
  record Search(LabelMapping best, double bestScore, double stockScore, Map<String, Integer> sizes) {}

  static Search search(Map<String, LabelledSet> sets, Map<String, List<Prediction>> tuning) {
    LabelMapping best = LabelMapping.STOCK;
    double bestScore = -1;
    for (int lo = -80; lo <= 0; lo++) {
      for (int hi = 0; hi <= 80; hi++) {
        LabelMapping m = new LabelMapping(lo / 100.0, hi / 100.0);
        double score = score(sets, tuning, m);
        if (score > bestScore + 1e-12) {
          best = m;
          bestScore = score;
        }
      }
    }
    Map<String, Integer> sizes = new LinkedHashMap<>();
    tuning.forEach((k, v) -> sizes.put(k, v.size()));
    return new Search(best, bestScore, score(sets, tuning, LabelMapping.STOCK), sizes);
  }

  /** Mean macro-F1 of a mapping over the tuning splits. */
  static double score(Map<String, LabelledSet> sets, Map<String, List<Prediction>> tuning, LabelMapping m) {
    double total = 0;
    for (var e : tuning.entrySet()) {
      LabelledSet set = sets.get(e.getKey());
      List<String> gold = set.tuning().stream().map(LabelledItem::gold).toList();
      total += Metrics.of(set.space().labels(), gold, EvaluateMain.labels(set.space(), e.getValue(), m)).macroF1();
    }
    return tuning.isEmpty() ? 0 : total / tuning.size();
  }
}
