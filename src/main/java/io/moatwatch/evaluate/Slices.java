package io.moatwatch.evaluate;

import io.moatwatch.evaluate.Evaluator.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import io.moatwatch.analyse.label.PostSentiment;

/**
 * The figures of a set with per-item facts (the GPU-thread corpus, {@link LabelledItem.About}) on its slices: the
 * genres (debate venues, issue trackers, Q&A), Hacker News alone, and the sarcasm-flagged, comparison and mixed
 * posts; each with the same labels the whole set is scored on. Pure.
 */
final class Slices {
  /** The slices, in report order, and which items each holds. */
  static final Map<String, Predicate<LabelledItem.About>> SLICES = slices();

  private Slices() {}

  private static Map<String, Predicate<LabelledItem.About>> slices() {
    Map<String, Predicate<LabelledItem.About>> s = new LinkedHashMap<>();
    s.put("debate venues", LabelledItem.About::debate);
    s.put("Hacker News", a -> a.platform().equals("hn"));
    s.put("issue trackers", LabelledItem.About::issueTracker);
    s.put("Q&A", LabelledItem.About::qa);
    s.put("sarcasm", a -> a.flags().contains("sarcasm"));
    s.put("comparison", a -> a.flags().contains("comparison"));
    s.put("mixed", a -> a.flags().contains("mixed"));
    s.put("naming 2+ stacks", a -> a.stance().size() >= 2);
    return s;
  }

  /** Each non-empty slice's figures under {@code labels} (one predicted label per item, in item order). */
  static Map<String, Metrics> of(List<String> space, List<LabelledItem> items, List<String> labels) {
    Map<String, Metrics> out = new LinkedHashMap<>();
    if (items.isEmpty() || items.get(0).about() == null) {
      return out;
    }
    for (var slice : SLICES.entrySet()) {
      List<String> gold = new ArrayList<>();
      List<String> predicted = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        if (slice.getValue().test(items.get(i).about())) {
          gold.add(items.get(i).gold());
          predicted.add(labels.get(i));
        }
      }
      if (!gold.isEmpty()) {
        out.put(slice.getKey(), Metrics.of(space, gold, predicted));
      }
    }
    return out;
  }

  /**
   * Stance on the (post, stack) pairs of the posts whose gold names two or more stacks: the model's reading toward
   * each stack ({@code stance}), and beside it the post's own label given to every stack it names
   * ({@code post label}, what the job did before it read stance); then the same by stack (CUDA, ROCm, tinygrad,
   * every other). Empty when no prediction has a stance reading.
   */
  static Map<String, Metrics> stance(List<String> space, List<LabelledItem> items, List<Prediction> predictions,
      List<String> postLabels) {
    Map<String, List<String[]>> pairs = new LinkedHashMap<>();
    boolean any = false;
    for (int i = 0; i < items.size(); i++) {
      LabelledItem.About about = items.get(i).about();
      if (about == null || about.stance().size() < 2) {
        continue;
      }
      for (var e : about.stance().entrySet()) {
        double[] p = predictions.get(i).stance().get(e.getKey());
        any |= p != null;
        String read = p == null ? postLabels.get(i) : PostSentiment.modelLabel(p);
        String[] pair = {e.getValue(), read, postLabels.get(i)};
        pairs.computeIfAbsent("all", k -> new ArrayList<>()).add(pair);
        pairs.computeIfAbsent(stack(e.getKey()), k -> new ArrayList<>()).add(pair);
      }
    }
    Map<String, Metrics> out = new LinkedHashMap<>();
    if (!any) {
      return out;
    }
    for (String group : List.of("all", "cuda", "rocm", "tinygrad", "other stacks")) {
      List<String[]> ps = pairs.getOrDefault(group, List.of());
      if (ps.isEmpty()) {
        continue;
      }
      List<String> gold = ps.stream().map(p -> p[0]).toList();
      out.put("stance, " + group, Metrics.of(space, gold, ps.stream().map(p -> p[1]).toList()));
      out.put("post label, " + group, Metrics.of(space, gold, ps.stream().map(p -> p[2]).toList()));
    }
    return out;
  }

  private static String stack(String key) {
    return switch (key) {
      case "cuda", "rocm", "tinygrad" -> key;
      default -> "other stacks";
    };
  }
}
