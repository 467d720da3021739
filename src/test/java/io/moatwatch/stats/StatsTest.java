package io.moatwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void wilsonMatchesThePublishedExample() {
    // 8 of 10 at 95 %: [0.490, 0.943] (Newcombe 1998, Table I); 0 of 10: [0, 0.278].
    assertThat(Wilson.interval(8, 10, Wilson.Z95)).containsExactly(new double[] {0.4902, 0.9433}, within(1e-4));
    assertThat(Wilson.interval(0, 10, Wilson.Z95)).containsExactly(new double[] {0.0, 0.2775}, within(1e-4));
    assertThat(Wilson.interval(0, 7, Wilson.Z95)[0]).as("exactly 0, not a rounding error above it").isEqualTo(0.0);
    assertThat(Wilson.interval(7, 7, Wilson.Z95)[1]).isEqualTo(1.0);
    assertThat(Wilson.interval(0, 0, Wilson.Z95)).isNull();
    assertThatThrownBy(() -> Wilson.interval(3, 2, Wilson.Z95)).hasMessage("need 0 <= k <= n, got k=3, n=2");
  }

  @Test
  void oneDayWithOnePostIsNotMinusOneForSure() {
    double[] net = Wilson.net(0, 1);
    assertThat(net[0]).isEqualTo(-1.0);
    assertThat(net[1]).as("one negative post says little").isGreaterThan(0.5);
    double[] many = Wilson.net(100, 400);
    assertThat(many[1] - many[0]).isLessThan(0.2);
    assertThat(Wilson.net(0, 0)).isNull();
  }

  @Test
  void adjustedSharesUndoAKnownConfusion() {
    // True shares 0.3 / 0.5 / 0.2; a classifier that reads 40 % of negatives as neutral.
    long[][] confusion = {{60, 40, 0}, {5, 90, 5}, {0, 10, 90}};
    Prevalence p = new Prevalence(confusion);
    // Expected observed counts out of 1000: C^T t.
    long[] observed = {205, 590, 205};
    assertThat(p.adjust(observed)).containsExactly(new double[] {0.3, 0.5, 0.2}, within(1e-9));
    assertThat(new Prevalence(new long[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}).adjust(new long[] {1, 2, 7}))
        .containsExactly(new double[] {0.1, 0.2, 0.7}, within(1e-12));
  }

  @Test
  void adjustedSharesStayOnTheSimplex() {
    Prevalence p = new Prevalence(new long[][] {{60, 40, 0}, {5, 90, 5}, {0, 10, 90}});
    double[] a = p.adjust(new long[] {0, 10, 0}); // all neutral: the raw solution has negative shares
    assertThat(a[0] + a[1] + a[2]).isCloseTo(1.0, within(1e-12));
    for (double v : a) {
      assertThat(v).isBetween(0.0, 1.0);
    }
    assertThat(Prevalence.simplex(new double[] {0.5, 0.7, -0.2})).containsExactly(new double[] {0.4, 0.6, 0.0},
        within(1e-12));
  }

  @Test
  void theBootstrapIntervalHoldsThePointIsRepeatableAndNarrowsWithVolume() {
    Prevalence p = new Prevalence(new long[][] {{60, 40, 0}, {5, 90, 5}, {0, 10, 90}});
    double[] small = p.adjustWithInterval(new long[] {4, 12, 4}, 500, 7);
    assertThat(small).hasSize(9);
    for (int c = 0; c < 3; c++) {
      assertThat(small[c]).isBetween(small[3 + c], small[6 + c]);
    }
    assertThat(p.adjustWithInterval(new long[] {4, 12, 4}, 500, 7)).containsExactly(small);
    double[] large = p.adjustWithInterval(new long[] {400, 1200, 400}, 500, 7);
    assertThat(large[6] - large[3]).isLessThan((small[6] - small[3]) / 3);
    double[] one = p.adjustWithInterval(new long[] {1, 0, 0}, 500, 7);
    assertThat(one[0]).isEqualTo(1.0);
    assertThat(one[3]).as("one negative post: the negative share could well be much lower").isLessThan(0.5);
    assertThatThrownBy(() -> new Prevalence(new long[][] {{1, 1}, {1, 1}})).hasMessageContaining("cannot be inverted");
  }
}
