package io.moatwatch.read.prefilter;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tokens of a set of ids, looked up in raw bytes without decoding or allocating: a token is a maximal run
 * of ASCII letters and digits, compared in exact case. An id with other characters ({@code abc_1},
 * {@code ид1}) stands for each of its runs, so a record holding it still passes (sound, not exact); a set
 * with an id that has no run at all passes everything.
 *
 * <p>Open addressing on the token's first 8 bytes read as one long (an id of base-36 or decimal digits fits),
 * with its length; a longer token is confirmed byte for byte. Only tokens of a length some id has are looked up.
 * Not an automaton: with thousands of short base-36 ids nearly every position of a record starts some id, and an
 * Aho-Corasick automaton spent its time in partial matches (measured at 2 million comments: the second pass took
 * 48 s with the automaton, 27 s with a set of the tokens).
 */
public final class IdSet implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final boolean[] TOKEN = new boolean[256];

  static {
    for (int c = 0; c < 128; c++) {
      TOKEN[c] = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
  }

  /** Per slot: the id's bytes packed little-endian into a long (ids of up to 8 bytes), with its length. */
  private final long[] keys;
  private final byte[] lengths;
  /** Per slot: ids longer than 8 bytes, compared byte for byte (a key then holds their first 8 bytes). */
  private final byte[][] longTokens;
  private final int mask;
  private final int minLength;
  private final int maxLength;
  private final boolean everything;

  /** The set of {@code ids}: the ids of on-topic posts and threads, as their raw records spell them. */
  public IdSet(Collection<String> ids) {
    Set<String> runs = new LinkedHashSet<>();
    boolean runless = false;
    for (String id : ids) {
      boolean any = false;
      for (String run : id.split("[^0-9A-Za-z]+")) {
        if (!run.isEmpty()) {
          runs.add(run);
          any = true;
        }
      }
      runless |= !any;
    }
    everything = runless;
    int size = Integer.highestOneBit(Math.max(2, runs.size()) * 2) << 1;
    keys = new long[size];
    lengths = new byte[size];
    longTokens = new byte[size][];
    mask = size - 1;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (String run : runs) {
      byte[] t = run.getBytes(StandardCharsets.US_ASCII);
      int length = Math.min(t.length, 127);
      long key = pack(t, 0, t.length);
      int slot = slot(key, length);
      while (lengths[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      lengths[slot] = (byte) length;
      longTokens[slot] = t.length > 8 ? t : null;
      min = Math.min(min, t.length);
      max = Math.max(max, t.length);
    }
    minLength = min;
    maxLength = max;
  }

  /**
   * Whether some token of {@code b[from, to)} is one of the ids' tokens. Only every {@code minLength}-th byte
   * is probed: a token at least as long as the shortest id holds one of them (any {@code minLength} bytes in a
   * row do), so a probe on a delimiter skips the bytes up to the next probe unread, and a probe on a token
   * char reads that token whole, then probes again {@code minLength} bytes past its end. On 300,000 lines of
   * the generated dump with 35,000 ids of 4 and 5 base-36 digits: 3.3 ns/byte reading every byte, 2.3 probing
   * (BENCHMARKS.md); real dumps' 7-digit ids skip more.
   */
  public boolean containsToken(byte[] b, int from, int to) {
    if (everything) {
      return true;
    }
    if (minLength > maxLength) {
      return false; // no ids
    }
    int floor = from; // no token reaches below it
    int probe = from + minLength - 1;
    while (probe < to) {
      if (!TOKEN[b[probe] & 0xff]) {
        probe += minLength;
        continue;
      }
      int start = probe;
      while (start > floor && TOKEN[b[start - 1] & 0xff]) {
        start--;
      }
      int end = probe + 1;
      while (end < to && TOKEN[b[end] & 0xff]) {
        end++;
      }
      int length = end - start;
      if (length >= minLength && length <= maxLength && lookup(b, start, length)) {
        return true;
      }
      floor = end;
      probe = end + minLength;
    }
    return false;
  }

  /** Whether every line passes: some id has no run of ASCII letters and digits to look for. */
  public boolean passesEverything() {
    return everything;
  }

  private boolean lookup(byte[] b, int start, int length) {
    long key = pack(b, start, length);
    int l = Math.min(length, 127);
    for (int slot = slot(key, l); lengths[slot] != 0; slot = (slot + 1) & mask) {
      if (keys[slot] == key && lengths[slot] == l && (length <= 8
          || Arrays.equals(longTokens[slot], 0, longTokens[slot].length, b, start, start + length))) {
        return true;
      }
    }
    return false;
  }

  /** Up to the first 8 bytes of {@code b[start, start + length)}, little-endian. */
  private static long pack(byte[] b, int start, int length) {
    int n = Math.min(length, 8);
    if (start + 8 <= b.length) {
      long word = (long) LONGS.get(b, start);
      return n == 8 ? word : word & ((1L << (8 * n)) - 1);
    }
    long key = 0;
    for (int k = n - 1; k >= 0; k--) {
      key = key << 8 | (b[start + k] & 0xff);
    }
    return key;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private int slot(long key, int length) {
    long h = (key ^ length) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & mask;
  }
}
