package io.moatwatch.stats;

/**
 * The Wilson score interval for a proportion (Wilson 1927; Brown, Cai and DasGupta 2001 recommend it over the
 * normal approximation for small counts and shares near 0 or 1). Pure.
 */
public final class Wilson {
  /** z for a two-sided 95 % interval. */
  public static final double Z95 = 1.959963984540054;

  private Wilson() {}

  /** {low, high} for {@code k} successes in {@code n} trials at the given z; null when n is 0. */
  public static double[] interval(long k, long n, double z) {
    if (n <= 0) {
      return null;
    }
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
    }
    double p = (double) k / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    // At k = 0 and k = n the bound is exactly 0 or 1; computed, it can miss by a rounding error.
    return new double[] {k == 0 ? 0 : Math.max(0, centre - half), k == n ? 1 : Math.min(1, centre + half)};
  }

  /**
   * The 95 % interval of a net sentiment (P - N) / (P + N): with p = P / (P + N) it is 2p - 1, so the interval
   * is the Wilson interval of p mapped the same way. Null when P + N is 0.
   */
  public static double[] net(long positive, long negative) {
    double[] p = interval(positive, positive + negative, Z95);
    return p == null ? null : new double[] {2 * p[0] - 1, 2 * p[1] - 1};
  }
}
