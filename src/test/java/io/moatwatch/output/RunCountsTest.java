package io.moatwatch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCountsTest {

  @Test
  void statusesFallIntoThreeBucketsThatReconcile() {
    RunCounts c = RunCounts.of(Map.of("ok", 38L, "unscored", 1L, "deleted", 1L, "off_topic", 3L,
        "duplicate", 2L, "rejected", 2L, "failed", 1L));
    assertThat(c.read()).isEqualTo(48);
    assertThat(c.analysed()).isEqualTo(38);
    assertThat(c.skipped()).isEqualTo(7);
    assertThat(c.rejected()).isEqualTo(3);
    assertThat(c.reconciled()).isTrue();
    assertThat(c.summaryLine()).isEqualTo("read 48 = analysed 38 + skipped 7 + rejected 3  (deleted 1, duplicate 2,"
        + " failed 1, off_topic 3, ok 38, rejected 2, unscored 1)");
  }

  @Test
  void pendingAfterNlpIsABug() {
    assertThatThrownBy(() -> RunCounts.of(Map.of("pending", 2L)))
        .hasMessage("2 records are still pending after the NLP stage");
  }

  @Test
  void unknownStatusIsRefused() {
    assertThatThrownBy(() -> RunCounts.of(Map.of("lost", 1L))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void handBuiltCountsThatDoNotAddUpAreFlagged() {
    RunCounts c = new RunCounts(10, 5, 3, 1, Map.of("ok", 5L, "empty", 3L, "rejected", 1L));
    assertThat(c.reconciled()).isFalse();
    assertThat(c.summaryLine()).contains("[DOES NOT RECONCILE]");
  }
}
