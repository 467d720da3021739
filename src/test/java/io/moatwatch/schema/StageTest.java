package io.moatwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StageTest {
  private static final Stage READ = new Stage("read", List.of(), List.of("id", "text"));
  private static final Stage NLP = new Stage("nlp", List.of("text"), List.of("label"));
  private static final Stage REPORT = new Stage("report", List.of("id", "label"), List.of());

  @Test
  void stagesInOrderGiveTheColumnsTheyAdd() {
    assertThat(Stage.check(List.of(READ, NLP, REPORT))).containsExactly("id", "text", "label");
  }

  @Test
  void aStageBeforeWhatItNeedsIsNamedWithTheMissingColumns() {
    assertThatThrownBy(() -> Stage.check(List.of(READ, REPORT, NLP)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stage 'report' requires [label], which no stage before it adds (stages: [read, report, nlp])");
  }
}
