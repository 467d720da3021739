package io.moatwatch.evaluate;

import io.moatwatch.evaluate.Evaluator.Prediction;
import io.moatwatch.evaluate.LabelledSet.Space;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one set under each labeller: {@code model} (the label model, the job's default; not on SST-5,
 * whose five classes it does not have), {@code stock} (CoreNLP with the stock band) and, for three-class
 * sets, {@code calibrated} (CoreNLP with the tuned band). {@code seconds}: wall time of the set;
 * {@code coreNlpSeconds} / {@code modelSeconds}: thread-seconds in each. A set with per-item facts (the GPU-thread
 * corpus) also has its {@link Slices} per labeller, and with a model that reads stance the stance figures. Every
 * macro-F1 carries its 95 % bootstrap interval ({@link Bootstrap}; the corpus's posts resampled by thread).
 */
record SetResult(LabelledSet set, int scored, Map<String, Metrics> metrics, double seconds, double coreNlpSeconds,
    double modelSeconds, PrevalenceCheck prevalence, Map<String, Map<String, Metrics>> slices,
    Slices.Stance stance) {
  static SetResult of(LabelledSet set, List<Prediction> predictions, boolean model, double seconds,
      double coreNlpSeconds, double modelSeconds, long[][] confusion) {
    List<String> gold = set.test().stream().map(LabelledItem::gold).toList();
    List<String> clusters = LabelledItem.clusters(set.test());
    Map<String, Metrics> m = new LinkedHashMap<>();
    if (model && set.space() != Space.FIVE) {
      m.put("model", Metrics.of(set.space().labels(), gold, EvaluateMain.modelLabels(set.space(), predictions),
          clusters));
    }
    m.put("stock", Metrics.of(set.space().labels(), gold,
        EvaluateMain.labels(set.space(), predictions, LabelMapping.STOCK), clusters));
    if (set.space() == Space.THREE) {
      m.put("calibrated", Metrics.of(set.space().labels(), gold,
          EvaluateMain.labels(set.space(), predictions, Calibration.SE), clusters));
    }
    PrevalenceCheck prevalence = null;
    if (model && confusion != null && set.space() == Space.THREE) {
      // Subsamples of half the split (at most 200 items), 500 of them: the figures in QUALITY.md.
      prevalence = PrevalenceCheck.run(gold, EvaluateMain.modelLabels(set.space(), predictions), confusion, 500,
          Math.min(200, Math.max(20, gold.size() / 2)), 20261201L);
    }
    Map<String, Map<String, Metrics>> slices = new LinkedHashMap<>();
    Slices.Stance stance = Slices.Stance.NONE;
    if (set.space() == Space.THREE) {
      List<String> stock = EvaluateMain.labels(set.space(), predictions, LabelMapping.STOCK);
      if (model) {
        List<String> labels = EvaluateMain.modelLabels(set.space(), predictions);
        slices.put("model", Slices.of(set.space().labels(), set.test(), labels));
        stance = Slices.stance(set.space().labels(), set.test(), predictions, labels);
      }
      slices.put("stock", Slices.of(set.space().labels(), set.test(), stock));
      slices.values().removeIf(Map::isEmpty);
    }
    return new SetResult(set, (int) predictions.stream().filter(Prediction::scored).count(), m, seconds,
        coreNlpSeconds, modelSeconds, prevalence, slices, stance);
  }

  Metrics stock() {
    return metrics.get("stock");
  }
}
