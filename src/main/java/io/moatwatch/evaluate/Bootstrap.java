package io.moatwatch.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How far a test figure can be trusted: 95 % percentile bootstrap intervals of macro-F1, and of the difference
 * between two labellers' macro-F1 on the same items (paired: both read every resample). Items are resampled by
 * cluster, so that the posts of one thread, which are not independent of each other, are drawn together (the
 * GPU-thread corpus is split by thread for the same reason); an item of a set without threads is its own cluster.
 * Fixed resamples and seed: the same intervals on every run. Pure.
 */
public final class Bootstrap {
  /** Resamples per interval and their seed. */
  static final int RESAMPLES = 2000;
  static final long SEED = 20261201L;

  private Bootstrap() {}

  /** A 95 % interval: the 2.5th and 97.5th percentiles of the resampled figure. */
  public record Interval(double low, double high) {
    /** Whether {@code value} lies inside the interval (its ends included). */
    public boolean contains(double value) {
      return value >= low && value <= high;
    }
  }

  /** The interval of macro-F1 of {@code predicted} against {@code gold}, resampling {@code clusters}. */
  public static Interval macroF1(List<String> labels, List<String> gold, List<String> predicted,
      List<String> clusters) {
    return difference(labels, gold, predicted, null, clusters);
  }

  /**
   * The interval of macro-F1(a) - macro-F1(b) on the same items, each resample drawing the same clusters for
   * both; with {@code b} null, of macro-F1(a) alone. Null for no items.
   */
  public static Interval difference(List<String> labels, List<String> gold, List<String> a, List<String> b,
      List<String> clusters) {
    if (gold.size() != a.size() || gold.size() != clusters.size() || (b != null && b.size() != gold.size())) {
      throw new IllegalArgumentException("gold, predictions and clusters differ in length");
    }
    if (gold.isEmpty()) {
      return null;
    }
    List<long[][]> confA = confusions(labels, gold, a, clusters);
    List<long[][]> confB = b == null ? null : confusions(labels, gold, b, clusters);
    int k = labels.size();
    int c = confA.size();
    SplittableRandom random = new SplittableRandom(SEED);
    double[] figures = new double[RESAMPLES];
    long[][] sumA = new long[k][k];
    long[][] sumB = new long[k][k];
    for (int r = 0; r < RESAMPLES; r++) {
      clear(sumA);
      clear(sumB);
      for (int i = 0; i < c; i++) {
        int drawn = random.nextInt(c);
        add(sumA, confA.get(drawn));
        if (confB != null) {
          add(sumB, confB.get(drawn));
        }
      }
      figures[r] = Metrics.macroF1(sumA) - (confB == null ? 0 : Metrics.macroF1(sumB));
    }
    Arrays.sort(figures);
    return new Interval(figures[(int) Math.floor(0.025 * (RESAMPLES - 1))],
        figures[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
  }

  /** One confusion matrix per cluster, in order of first appearance. */
  private static List<long[][]> confusions(List<String> labels, List<String> gold, List<String> predicted,
      List<String> clusters) {
    Map<String, long[][]> by = new LinkedHashMap<>();
    int k = labels.size();
    for (int i = 0; i < gold.size(); i++) {
      long[][] m = by.computeIfAbsent(clusters.get(i), x -> new long[k][k]);
      m[Metrics.index(labels, gold.get(i))][Metrics.index(labels, predicted.get(i))]++;
    }
    return new ArrayList<>(by.values());
  }

  private static void clear(long[][] m) {
    for (long[] row : m) {
      Arrays.fill(row, 0);
    }
  }

  private static void add(long[][] sum, long[][] m) {
    for (int g = 0; g < m.length; g++) {
      for (int p = 0; p < m.length; p++) {
        sum[g][p] += m[g][p];
      }
    }
  }
}
