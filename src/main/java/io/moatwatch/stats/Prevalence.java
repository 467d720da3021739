package io.moatwatch.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Prevalence correction: a classifier's label counts misestimate the true class shares in a predictable way
 * (a model that reads some negative posts as neutral undercounts negatives). Given the classifier's confusion
 * matrix measured on labelled validation data, the adjusted classify-and-count estimate (Forman 2008) solves
 * {@code observed = C^T true} for the true shares, where {@code C[i][j] = P(predicted j | true i)}, and projects
 * the solution onto the simplex (shares in [0, 1] summing to 1). Its 95 % interval comes from a parametric
 * bootstrap of the observed counts (multinomial resamples, fixed seed), drawn from the observed label shares with
 * half a pseudo-count per class (Jeffreys' prior), so that one post, all negative, does not give a zero-width
 * interval. Pure.
 */
public final class Prevalence implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final double[][] rates;
  private final double[][] inverse;

  /** {@code confusion[i][j]}: validation items of true class i predicted as j (counts), k x k. */
  public Prevalence(long[][] confusion) {
    int k = confusion.length;
    rates = new double[k][k];
    for (int i = 0; i < k; i++) {
      if (confusion[i].length != k) {
        throw new IllegalArgumentException("the confusion matrix must be square");
      }
      long row = Arrays.stream(confusion[i]).sum();
      if (row == 0) {
        throw new IllegalArgumentException("class " + i + " has no validation items");
      }
      for (int j = 0; j < k; j++) {
        rates[i][j] = (double) confusion[i][j] / row;
      }
    }
    inverse = invert(transpose(rates));
  }

  /** The adjusted shares for the observed label counts (same class order), on the simplex; null when none. */
  public double[] adjust(long[] observed) {
    long n = Arrays.stream(observed).sum();
    if (n == 0) {
      return null;
    }
    double[] q = new double[observed.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = (double) observed[i] / n;
    }
    return simplex(multiply(inverse, q));
  }

  /**
   * The adjusted shares with 95 % intervals: {@code [shares..., lows..., highs...]} (3k values), from
   * {@code resamples} multinomial resamples of the observed counts; null when there are none.
   */
  public double[] adjustWithInterval(long[] observed, int resamples, long seed) {
    double[] point = adjust(observed);
    if (point == null) {
      return null;
    }
    int k = observed.length;
    long n = Arrays.stream(observed).sum();
    double[] q = new double[k];
    for (int i = 0; i < k; i++) {
      q[i] = (observed[i] + 0.5) / (n + 0.5 * k);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[][] draws = new double[k][resamples];
    long[] counts = new long[k];
    for (int r = 0; r < resamples; r++) {
      // A multinomial draw as a chain of binomials: class c out of what classes before it left.
      long left = n;
      double mass = 1;
      for (int c = 0; c < k - 1; c++) {
        counts[c] = mass <= 0 ? 0 : binomial(random, left, Math.min(1, q[c] / mass));
        left -= counts[c];
        mass -= q[c];
      }
      counts[k - 1] = left;
      double[] a = adjust(counts);
      for (int c = 0; c < k; c++) {
        draws[c][r] = a[c];
      }
    }
    double[] out = new double[3 * k];
    for (int c = 0; c < k; c++) {
      Arrays.sort(draws[c]);
      out[c] = point[c];
      out[k + c] = quantile(draws[c], 0.025);
      out[2 * k + c] = quantile(draws[c], 0.975);
    }
    return out;
  }

  /** A Binomial(n, p) draw: exact for small n, the normal approximation (rounded, clipped) for large n. */
  static long binomial(SplittableRandom random, long n, double p) {
    if (n <= 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    if (n < 500) {
      long k = 0;
      for (long i = 0; i < n; i++) {
        if (random.nextDouble() < p) {
          k++;
        }
      }
      return k;
    }
    double z = gaussian(random);
    return Math.max(0, Math.min(n, Math.round(n * p + z * Math.sqrt(n * p * (1 - p)))));
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** The Euclidean projection of v onto the probability simplex (Duchi et al. 2008). */
  static double[] simplex(double[] v) {
    double[] u = v.clone();
    Arrays.sort(u);
    double cumulative = 0;
    double theta = 0;
    for (int i = u.length - 1, j = 1; i >= 0; i--, j++) {
      cumulative += u[i];
      double t = (cumulative - 1) / j;
      if (u[i] - t > 0) {
        theta = t;
      }
    }
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.max(0, v[i] - theta);
    }
    return out;
  }

  private static double quantile(double[] sorted, double p) {
    double at = p * (sorted.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double[][] transpose(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += m[i][j] * v[j];
      }
    }
    return out;
  }

  /** Gauss-Jordan with partial pivoting; a singular matrix (a classifier no better than chance) is an error. */
  private static double[][] invert(double[][] m) {
    int k = m.length;
    double[][] a = new double[k][2 * k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(m[i], 0, a[i], 0, k);
      a[i][k + i] = 1;
    }
    for (int c = 0; c < k; c++) {
      int pivot = c;
      for (int r = c + 1; r < k; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][c]) < 1e-9) {
        throw new IllegalArgumentException("the confusion matrix cannot be inverted (a classifier at chance level)");
      }
      double[] tmp = a[c];
      a[c] = a[pivot];
      a[pivot] = tmp;
      double d = a[c][c];
      for (int j = 0; j < 2 * k; j++) {
        a[c][j] /= d;
      }
      for (int r = 0; r < k; r++) {
        if (r != c) {
          double f = a[r][c];
          for (int j = 0; j < 2 * k; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    double[][] inv = new double[k][k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(a[i], k, inv[i], 0, k);
    }
    return inv;
  }
}
