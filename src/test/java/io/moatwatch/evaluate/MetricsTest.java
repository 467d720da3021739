package io.moatwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final List<String> L = List.of("negative", "neutral", "positive");

  @Test
  void accuracyMacroF1AndConfusionByHand() {
    // gold:      neg neg neu neu neu pos
    // predicted: neg neu neu neu pos pos
    Metrics m = Metrics.of(L, List.of("negative", "negative", "neutral", "neutral", "neutral", "positive"),
        List.of("negative", "neutral", "neutral", "neutral", "positive", "positive"));
    assertThat(m.n()).isEqualTo(6);
    assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
    assertThat(m.confusion()).isDeepEqualTo(new long[][] {{1, 1, 0}, {0, 2, 1}, {0, 0, 1}});
    // negative P=1 R=.5 F1=2/3; neutral P=2/3 R=2/3 F1=2/3; positive P=.5 R=1 F1=2/3
    assertThat(m.perClass().get("negative")).containsExactly(new double[] {1.0, 0.5, 2.0 / 3, 2}, within(1e-12));
    assertThat(m.perClass().get("positive")).containsExactly(new double[] {0.5, 1.0, 2.0 / 3, 1}, within(1e-12));
    assertThat(m.macroF1()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void aClassNeverPredictedHasZeroPrecisionNotNaN() {
    Metrics m = Metrics.of(L, List.of("negative", "positive"), List.of("neutral", "neutral"));
    assertThat(m.perClass().get("negative")[0]).isZero();
    assertThat(m.perClass().get("neutral")[1]).isZero(); // no gold neutral: recall 0
    assertThat(m.macroF1()).isZero();
    assertThatThrownBy(() -> Metrics.of(L, List.of("bad"), List.of("neutral")))
        .hasMessage("label 'bad' is not one of [negative, neutral, positive]");
  }

  @Test
  void labelMappingsFollowTheDocumentedRules() {
    LabelMapping band = new LabelMapping(-0.3, 0.1);
    assertThat(band.three(-0.3)).isEqualTo("negative");
    assertThat(band.three(-0.29)).isEqualTo("neutral");
    assertThat(band.three(0.09)).isEqualTo("neutral");
    assertThat(band.three(0.1)).isEqualTo("positive");
    assertThat(LabelMapping.STOCK.three(-0.2)).isEqualTo("negative");
    assertThat(LabelMapping.two(0.0)).isEqualTo("positive");
    assertThat(LabelMapping.two(-0.01)).isEqualTo("negative");
    assertThat(LabelMapping.five(new double[] {0.1, 0.5, 0.2, 0.1, 0.1})).isEqualTo("1");
    assertThatThrownBy(() -> new LabelMapping(0.2, 0.1)).hasMessageContaining("low <= high");
  }
}
