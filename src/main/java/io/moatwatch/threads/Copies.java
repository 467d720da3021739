package io.moatwatch.threads;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Which of several records with the same post id is the post (the others are duplicates), as {@link Threads}
 * decides it: the newest version (where the export versions its items), copies without a version after those
 * with one; then the first by file name, then by position in the file. Gathers, for every id offered, the copy
 * that wins and what the caller keeps with it.
 *
 * @param <T> what the caller keeps of the winning copy
 */
public final class Copies<T> {
  /** A copy's place: its post id, version (microseconds since the epoch, or null), file and position. */
  public record Copy(String id, Long versionMicros, String file, long seq) {}

  /**
   * The order of precedence; file names are compared by their UTF-8 bytes, unsigned, as Spark SQL orders
   * strings (Java's own order of strings differs from it beyond the Basic Multilingual Plane).
   */
  public static final Comparator<Copy> PRECEDENCE = Comparator
      .comparing(Copy::versionMicros, Comparator.nullsLast(Comparator.<Long>reverseOrder()))
      .thenComparing(Copy::file, Copies::compareUtf8)
      .thenComparingLong(Copy::seq);

  /** A winning copy and what the caller keeps with it. */
  public record Winner<T>(Copy copy, T kept) {}

  private final Map<String, Winner<T>> winners;

  public Copies(int expected) {
    winners = new HashMap<>(Math.max(16, expected * 2));
  }

  /** Offers one copy; it replaces the copy held for its id if it comes first in {@link #PRECEDENCE}. */
  public void offer(Copy copy, T kept) {
    winners.merge(copy.id(), new Winner<>(copy, kept),
        (held, offered) -> PRECEDENCE.compare(offered.copy(), held.copy()) < 0 ? offered : held);
  }

  /** One winner per id offered. */
  public Collection<Winner<T>> winners() {
    return winners.values();
  }

  private static int compareUtf8(String a, String b) {
    return a.equals(b) ? 0
        : Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
