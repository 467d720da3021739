package io.moatwatch.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.threads.Copies.Copy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which copy of a post wins; ThreadsIT checks the walk in one task marks the same duplicates as Spark's window. */
class CopiesTest {
  private static Map<String, String> winners(Copy... offered) {
    Copies<String> copies = new Copies<>(offered.length);
    for (Copy c : offered) {
      copies.offer(c, c.file() + "@" + c.seq());
    }
    Map<String, String> out = new HashMap<>();
    copies.winners().forEach(w -> out.put(w.copy().id(), w.kept()));
    return out;
  }

  @Test
  void theNewestVersionWinsWhateverItsPlaceAndCopiesWithoutOneComeLast() {
    assertThat(winners(
        new Copy("1", null, "a", 0),
        new Copy("1", 100L, "z", 9),
        new Copy("1", 200L, "y", 5),
        new Copy("1", 150L, "a", 1)))
        .containsOnly(Map.entry("1", "y@5"));
  }

  @Test
  void withoutVersionsTheFirstByFileThenPositionWins() {
    assertThat(winners(
        new Copy("1", null, "g", 0),
        new Copy("1", null, "f", 7),
        new Copy("1", null, "f", 3),
        new Copy("2", null, "b", 1)))
        .containsOnly(Map.entry("1", "f@3"), Map.entry("2", "b@1"));
  }

  @Test
  void fileNamesAreOrderedByTheirUtf8BytesAsSparkOrdersStrings() {
    // U+FF5E (UTF-8 EF BD 9E) sorts after U+1F600 (surrogates D83D.. in Java's String order, F0 9F.. in UTF-8)
    String bmp = "\uFF5E.json";
    String astral = "\uD83D\uDE00.json";
    assertThat(bmp.compareTo(astral)).isPositive();
    assertThat(winners(new Copy("1", null, bmp, 0), new Copy("1", null, astral, 0)))
        .containsOnly(Map.entry("1", bmp + "@0"));
    assertThat(List.of(new Copy("1", null, astral, 0), new Copy("1", null, bmp, 0)).stream()
        .min(Copies.PRECEDENCE).orElseThrow().file()).isEqualTo(bmp);
  }
}
