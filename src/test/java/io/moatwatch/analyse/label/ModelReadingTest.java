package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What one model call's output becomes ({@link LabelModel#reading}); LabelModelIT reads the shipped model's. */
class ModelReadingTest {
  @Test
  void probabilitiesAreKeptInTheirOrder() {
    assertThat(LabelModel.reading(new float[] {0.25f, 0.5f, 0.25f}, "probabilities", 0))
        .containsExactly(0.25, 0.5, 0.25);
  }

  @Test
  void aReadingThatIsNotANumberIsRefusedWithItsOutputAndPath() {
    assertThatThrownBy(() -> LabelModel.reading(new float[] {0.2f, Float.NaN, 0.3f}, "stance_probabilities", 1))
        .isInstanceOf(LabelModelException.class)
        .hasMessageContaining("output 'stance_probabilities' is not a number on the path of genre 1");
  }
}
