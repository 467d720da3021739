package io.moatwatch.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which batches of the annotation cache a run merges into one (pure logic; {@link AnnotationCache} does the
 * merge). Every run adds a batch, so without merging a year of nightly runs is 365 small files that every
 * lookup lists and opens. Size-tiered, as log-structured stores do it: a batch's tier is how many times
 * {@link #FAN_IN} its size is above {@link #FIRST_TIER_BYTES}, and when one tier holds {@link #FAN_IN} batches
 * they are merged into one (of the same tier or the next). So after each run a tier holds at most
 * {@code FAN_IN - 1} batches, and the tiers grow with the logarithm of the history: ten years of 1 MB nights end
 * with at most 22 batches, each byte rewritten 3.8 times in all ({@code CompactionTest}), not once a run.
 */
public final class Compaction {
  /** How many batches of one tier are merged into one. */
  static final int FAN_IN = 8;
  /** Batches smaller than this (about 16,000 analyses of 1 KB) are all in the first tier. */
  static final long FIRST_TIER_BYTES = 16L << 20;

  private Compaction() {}

  /** The tier of a batch of {@code bytes}: 0 below {@link #FIRST_TIER_BYTES}, then one more per factor {@link #FAN_IN}. */
  static int tier(long bytes) {
    int tier = 0;
    for (long limit = FIRST_TIER_BYTES; bytes >= limit && tier < 30; limit = saturatedTimes(limit, FAN_IN)) {
      tier++;
    }
    return tier;
  }

  /**
   * The batches to merge, given each published batch's size in bytes: the batches of the lowest tier that
   * holds {@link #FAN_IN} or more, or none.
   */
  public static Set<String> toMerge(Map<String, Long> bytesByBatch) {
    TreeMap<Integer, List<String>> tiers = new TreeMap<>();
    bytesByBatch.forEach((batch, bytes) -> tiers.computeIfAbsent(tier(bytes), t -> new ArrayList<>()).add(batch));
    for (List<String> batches : tiers.values()) {
      if (batches.size() >= FAN_IN) {
        return new TreeSet<>(batches);
      }
    }
    return Set.of();
  }

  private static long saturatedTimes(long a, int b) {
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
