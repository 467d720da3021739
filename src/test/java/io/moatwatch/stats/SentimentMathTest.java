package io.moatwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentMathTest {

  @Test
  void sentenceScoreIsTheExpectedClassValue() {
    assertThat(SentimentMath.sentenceScore(new double[] {1, 0, 0, 0, 0})).isEqualTo(-1.0);
    assertThat(SentimentMath.sentenceScore(new double[] {0, 0, 1, 0, 0})).isEqualTo(0.0);
    assertThat(SentimentMath.sentenceScore(new double[] {0, 0, 0, 0, 1})).isEqualTo(1.0);
    assertThat(SentimentMath.sentenceScore(new double[] {0.1, 0.2, 0.4, 0.2, 0.1})).isCloseTo(0.0, within(1e-12));
    // 0.5*(-0.5) + 0.5*(0.5) + ... : 0.2*-1 + 0.3*-0.5 + 0.5*0.5 = -0.1
    assertThat(SentimentMath.sentenceScore(new double[] {0.2, 0.3, 0, 0.5, 0})).isCloseTo(-0.1, within(1e-12));
  }

  @Test
  void probabilitiesThatDoNotSumToOneAreRenormalised() {
    assertThat(SentimentMath.sentenceScore(new double[] {0, 0, 0, 0, 2})).isEqualTo(1.0);
    assertThat(SentimentMath.sentenceScore(new double[] {0, 0, 0, 0, 0})).isEqualTo(0.0);
  }

  @Test
  void needsFiveProbabilities() {
    assertThatThrownBy(() -> SentimentMath.sentenceScore(new double[] {1, 0, 0}))
        .hasMessage("expected 5 class probabilities, got 3");
  }

  @Test
  void postScoreIsTheMeanOrNull() {
    assertThat(SentimentMath.postScore(List.of(0.5, -0.25, 0.25))).isCloseTo(0.5 / 3, within(1e-12));
    assertThat(SentimentMath.postScore(List.of())).isNull();
  }

  @Test
  void labelsUseTheNeutralBandInclusively() {
    assertThat(SentimentMath.label(0.15, 0.15)).isEqualTo("positive");
    assertThat(SentimentMath.label(0.149, 0.15)).isEqualTo("neutral");
    assertThat(SentimentMath.label(-0.149, 0.15)).isEqualTo("neutral");
    assertThat(SentimentMath.label(-0.15, 0.15)).isEqualTo("negative");
    assertThat(SentimentMath.label(0.0, 0.0)).isEqualTo("positive");
  }

  @Test
  void fiveClassesFoldIntoThree() {
    assertThat(List.of(0, 1, 2, 3, 4)).extracting(SentimentMath::classLabel)
        .containsExactly("negative", "negative", "neutral", "positive", "positive");
    assertThatThrownBy(() -> SentimentMath.classLabel(5)).hasMessage("sentiment class must be 0..4, got 5");
  }
}
