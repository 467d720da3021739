package io.moatwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContractTest {
  private static final Contract READ = new Contract("read", List.of(), List.of("id", "text"));
  private static final Contract NLP = new Contract("nlp", List.of("text"), List.of("label"));
  private static final Contract REPORT = new Contract("report", List.of("id", "label"), List.of());

  @Test
  void stagesInOrderGiveTheColumnsTheyAdd() {
    assertThat(Contract.check(List.of(READ, NLP, REPORT))).containsExactly("id", "text", "label");
  }

  @Test
  void aStageBeforeWhatItNeedsIsNamedWithTheMissingColumns() {
    assertThatThrownBy(() -> Contract.check(List.of(READ, REPORT, NLP)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stage 'report' requires [label], which no stage before it adds (stages: [read, report, nlp])");
  }
}
