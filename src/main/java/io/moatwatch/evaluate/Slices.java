package io.moatwatch.evaluate;

import io.moatwatch.evaluate.Evaluator.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  /** The positions of the items in each non-empty slice, in slice order (none for a set without per-item facts). */
  static Map<String, List<Integer>> members(List<LabelledItem> items) {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    if (items.isEmpty() || items.get(0).about() == null) {
      return out;
    }
    for (var slice : SLICES.entrySet()) {
      List<Integer> in = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        if (slice.getValue().test(items.get(i).about())) {
          in.add(i);
        }
      }
      if (!in.isEmpty()) {
        out.put(slice.getKey(), in);
      }
    }
    return out;
  }

  /**
   * Each non-empty slice's figures under {@code labels} (one predicted label per item, in item order), with
   * macro-F1's bootstrap interval (resampling threads).
   */
  static Map<String, Metrics> of(List<String> space, List<LabelledItem> items, List<String> labels) {
    Map<String, Metrics> out = new LinkedHashMap<>();
    members(items).forEach((slice, in) -> out.put(slice, Metrics.of(space,
        in.stream().map(i -> items.get(i).gold()).toList(), in.stream().map(labels::get).toList(),
        in.stream().map(i -> items.get(i).cluster(i)).toList())));
    return out;
  }

  /**
   * The stance figures of a set: {@code metrics} by name ({@code stance, <group>} and {@code post label, <group>}),
   * and by group the 95 % interval of stance macro-F1 minus the post label's on the same pairs ({@code gain}: an
   * interval that holds 0 does not tell the two apart).
   */
  record Stance(Map<String, Metrics> metrics, Map<String, Bootstrap.Interval> gain) {
    static final Stance NONE = new Stance(Map.of(), Map.of());

    boolean isEmpty() {
      return metrics.isEmpty();
    }
  }

  /**
   * Stance on the (post, stack) pairs of the posts whose gold names two or more stacks: the model's reading toward
   * each stack ({@code stance}), and beside it the post's own label given to every stack it names
   * ({@code post label}, what the job did before it read stance); then the same by stack (CUDA, ROCm, tinygrad,
   * every other), with bootstrap intervals resampling threads. Empty when no prediction has a stance reading.
   */
  static Stance stance(List<String> space, List<LabelledItem> items, List<Prediction> predictions,
      List<String> postLabels) {
    List<Pair> pairs = pairs(items);
    if (pairs.stream().noneMatch(p -> predictions.get(p.item()).stance().containsKey(p.stack()))) {
      return Stance.NONE;
    }
    Map<String, Metrics> out = new LinkedHashMap<>();
    Map<String, Bootstrap.Interval> gain = new LinkedHashMap<>();
    byGroup(pairs).forEach((group, ps) -> {
      List<String> gold = ps.stream().map(Pair::gold).toList();
      List<String> read = ps.stream().map(p -> {
        double[] r = predictions.get(p.item()).stance().get(p.stack());
        return r == null ? postLabels.get(p.item()) : PostSentiment.modelLabel(r);
      }).toList();
      List<String> post = ps.stream().map(p -> postLabels.get(p.item())).toList();
      List<String> clusters = ps.stream().map(p -> items.get(p.item()).cluster(p.item())).toList();
      out.put("stance, " + group, Metrics.of(space, gold, read, clusters));
      out.put("post label, " + group, Metrics.of(space, gold, post, clusters));
      gain.put(group, Bootstrap.difference(space, gold, read, post, clusters));
    });
    return new Stance(out, gain);
  }

  /** One (post, stack) pair of a post whose gold names two or more stacks: the item's position, the stack, gold. */
  record Pair(int item, String stack, String gold) {}

  /** Every (post, stack) pair of the posts whose gold names two or more stacks, in item order. */
  static List<Pair> pairs(List<LabelledItem> items) {
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      LabelledItem.About about = items.get(i).about();
      if (about != null && about.stance().size() >= 2) {
        // by stack key: the gold map's own order differs from one JVM to the next, the resamples must not
        for (var e : new TreeMap<>(about.stance()).entrySet()) {
          out.add(new Pair(i, e.getKey(), e.getValue()));
        }
      }
    }
    return out;
  }

  /** The pairs of each group in report order: all, then CUDA, ROCm, tinygrad and every other stack (non-empty). */
  static Map<String, List<Pair>> byGroup(List<Pair> pairs) {
    Map<String, List<Pair>> out = new LinkedHashMap<>();
    for (String group : List.of("all", "cuda", "rocm", "tinygrad", "other stacks")) {
      List<Pair> ps = pairs.stream().filter(p -> group.equals("all") || stack(p.stack()).equals(group)).toList();
      if (!ps.isEmpty()) {
        out.put(group, ps);
      }
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
