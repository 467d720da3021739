package io.moatwatch.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunTallyTest {
  private static final RunTally TALLY = new RunTally(List.of(
      new RunTally.Entry("a.jsonl", "jsonl", "ok", "nlp", null, 5, 12),
      new RunTally.Entry("a.jsonl", "jsonl", "ok", "cache", null, 2, 3),
      new RunTally.Entry("a.jsonl", "jsonl", "off_topic", null, null, 4, 0),
      new RunTally.Entry("a.jsonl", "jsonl", "too_long", null, "cleaned text longer than 20000 characters", 1, 0),
      new RunTally.Entry("b.csv", "unknown", "rejected", null, null, 1, 0)));

  @Test
  void oneAggregationGivesEveryCountOfTheManifest() {
    assertThat(TALLY.byStatus()).containsExactlyInAnyOrderEntriesOf(
        Map.of("ok", 7L, "off_topic", 4L, "too_long", 1L, "rejected", 1L));
    assertThat(TALLY.sources()).containsExactlyInAnyOrderEntriesOf(Map.of("nlp", 5L, "cache", 2L));
    assertThat(TALLY.sentences()).isEqualTo(15);
    assertThat(TALLY.perFile(List.of("a.jsonl", "b.csv", "empty.jsonl")))
        .containsEntry("a.jsonl", Map.of("ok", 7L, "off_topic", 4L, "too_long", 1L))
        .containsEntry("b.csv", Map.of("rejected", 1L))
        .containsEntry("empty.jsonl", Map.of());
    assertThat(TALLY.formats()).containsExactlyInAnyOrderEntriesOf(Map.of("a.jsonl", "jsonl"));
    assertThat(TALLY.skipReasons())
        .containsExactlyInAnyOrderEntriesOf(Map.of("too_long: cleaned text longer than 20000 characters", 1L));
  }
}
