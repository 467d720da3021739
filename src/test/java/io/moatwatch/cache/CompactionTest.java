package io.moatwatch.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompactionTest {
  private static final long MB = 1L << 20;

  @Test
  void tiersGrowByTheFanIn() {
    assertThat(Compaction.tier(0)).isZero();
    assertThat(Compaction.tier(Compaction.FIRST_TIER_BYTES - 1)).isZero();
    assertThat(Compaction.tier(Compaction.FIRST_TIER_BYTES)).isEqualTo(1);
    assertThat(Compaction.tier(Compaction.FIRST_TIER_BYTES * Compaction.FAN_IN - 1)).isEqualTo(1);
    assertThat(Compaction.tier(Compaction.FIRST_TIER_BYTES * Compaction.FAN_IN)).isEqualTo(2);
    assertThat(Compaction.tier(Long.MAX_VALUE)).isBetween(2, 30);
  }

  @Test
  void mergesATierOnlyWhenItIsFull() {
    Map<String, Long> batches = new LinkedHashMap<>();
    batches.put("big", 200 * MB);
    for (int i = 0; i < Compaction.FAN_IN - 1; i++) {
      batches.put("night" + i, MB);
    }
    assertThat(Compaction.toMerge(batches)).isEmpty();
    batches.put("night7", 2 * MB);
    assertThat(Compaction.toMerge(batches)).hasSize(Compaction.FAN_IN).doesNotContain("big");
  }

  @Test
  void aFullLowerTierGoesFirst() {
    Map<String, Long> batches = new HashMap<>();
    for (int i = 0; i < Compaction.FAN_IN; i++) {
      batches.put("mid" + i, 20 * MB);
      batches.put("small" + i, MB);
    }
    assertThat(Compaction.toMerge(batches)).allMatch(b -> b.startsWith("small")).hasSize(Compaction.FAN_IN);
  }

  /** Ten years of nightly runs: the batch count stays a handful and each night's bytes are rewritten a few times. */
  @Test
  void yearsOfNightsStayAFewBatchesAndFewRewrites() {
    Map<String, Long> batches = new HashMap<>();
    long written = 0;
    long rewritten = 0;
    int most = 0;
    for (int night = 0; night < 3650; night++) {
      batches.put("n" + night, MB);
      written += MB;
      Set<String> merge = Compaction.toMerge(batches);
      if (!merge.isEmpty()) {
        long bytes = merge.stream().mapToLong(batches::get).sum();
        merge.forEach(batches::remove);
        batches.put("m" + night, bytes);
        rewritten += bytes;
      }
      most = Math.max(most, batches.size());
    }
    assertThat(batches.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(written);
    assertThat(most).isLessThanOrEqualTo(4 * (Compaction.FAN_IN - 1) + 1);
    assertThat((double) rewritten / written).isLessThan(4.0);
  }
}
