package io.moatwatch.read.prefilter;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick over bytes, as a complete transition table: which of a few dozen words occur in a byte range,
 * ASCII letters folded to lower case as they are read. One table load per byte ({@code next[state + class]});
 * bytes that occur in no word share one class, so the table is states x (distinct bytes + 1) and stays in the
 * processor's cache.
 *
 * <p>Written for {@link Needles} rather than taken from a library because of a measurement (BENCHMARKS.md,
 * "Month-scale dumps"): on generated Pushshift lines com.hankcs's double-array trie, the fastest library
 * measured, ran at about 2.2 ns a byte through a {@code CharSequence} view of the bytes, dk.brics' DFA alike
 * (it finds a character's class by binary search); this table, at about 0.7 ns a byte.
 */
final class ByteAutomaton implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Byte value to class; A-Z share the classes of a-z. */
  private final byte[] classOf = new byte[256];
  private final int classes;
  /**
   * Per state and class, the next state as its row offset (state x classes); bitwise complemented when the next
   * state ends a word.
   */
  private final int[] next;
  /** Per state (by row offset / classes): the words ending there, longest first, or null. */
  private final int[][] ends;
  /** Per state: the words ending there as a bit set ({@link #words} bits), or null. */
  private final long[][] endBits;
  private final int words;
  /** The longest word's length less one: how far back a range scanned on its own must start. */
  private final int overlap;

  /** An automaton for {@code words} (bytes, ASCII letters in lower case; none empty). */
  ByteAutomaton(List<byte[]> words) {
    // classes: every byte some word holds (letters folded), then one class for all others
    int[] cls = new int[256];
    Arrays.fill(cls, -1);
    int n = 1;
    for (byte[] w : words) {
      if (w.length == 0) {
        throw new IllegalArgumentException("empty word");
      }
      for (byte x : w) {
        int c = fold(x & 0xff);
        if (cls[c] < 0) {
          cls[c] = n++;
        }
      }
    }
    if (n > 127) {
      throw new IllegalArgumentException("more than 126 distinct bytes in the words");
    }
    classes = n;
    for (int v = 0; v < 256; v++) {
      int c = cls[fold(v)];
      classOf[v] = (byte) (c < 0 ? 0 : c);
    }
    // the trie
    List<int[]> go = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    go.add(newRow());
    out.add(new ArrayList<>());
    for (int i = 0; i < words.size(); i++) {
      int s = 0;
      for (byte x : words.get(i)) {
        int c = classOf[x & 0xff];
        if (go.get(s)[c] < 0) {
          go.get(s)[c] = go.size();
          go.add(newRow());
          out.add(new ArrayList<>());
        }
        s = go.get(s)[c];
      }
      out.get(s).add(i);
    }
    // failure links, breadth first, completing each row into a full transition table
    int states = go.size();
    int[] fail = new int[states];
    int[][] delta = new int[states][];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    delta[0] = go.get(0).clone();
    for (int c = 0; c < classes; c++) {
      if (delta[0][c] < 0) {
        delta[0][c] = 0;
      } else {
        fail[delta[0][c]] = 0;
        queue.add(delta[0][c]);
      }
    }
    List<Integer> order = new ArrayList<>();
    while (!queue.isEmpty()) {
      int s = queue.poll();
      order.add(s);
      delta[s] = go.get(s).clone();
      for (int c = 0; c < classes; c++) {
        int t = go.get(s)[c];
        if (t < 0) {
          delta[s][c] = delta[fail[s]][c];
        } else {
          fail[t] = delta[fail[s]][c];
          queue.add(t);
        }
      }
    }
    ends = new int[states][];
    for (int s : order) { // a state's failure state comes earlier in breadth-first order
      List<Integer> own = out.get(s);
      own.sort((a, b) -> words.get(b).length - words.get(a).length);
      int[] inherited = ends[fail[s]];
      if (!own.isEmpty() || inherited != null) {
        int[] all = new int[own.size() + (inherited == null ? 0 : inherited.length)];
        for (int i = 0; i < own.size(); i++) {
          all[i] = own.get(i);
        }
        if (inherited != null) {
          System.arraycopy(inherited, 0, all, own.size(), inherited.length);
        }
        ends[s] = all;
      }
    }
    this.words = words.size();
    endBits = new long[states][];
    for (int st = 0; st < states; st++) {
      if (ends[st] != null) {
        endBits[st] = new long[(this.words + 63) >>> 6];
        for (int w : ends[st]) {
          endBits[st][w >>> 6] |= 1L << w;
        }
      }
    }
    overlap = words.stream().mapToInt(w -> w.length).max().orElse(1) - 1;
    next = new int[states * classes];
    for (int s = 0; s < states; s++) {
      for (int c = 0; c < classes; c++) {
        int t = delta[s][c];
        next[s * classes + c] = ends[t] != null ? ~(t * classes) : t * classes;
      }
    }
  }

  private int[] newRow() {
    int[] row = new int[classes];
    Arrays.fill(row, -1);
    return row;
  }

  private static int fold(int v) {
    return v >= 'A' && v <= 'Z' ? v + ('a' - 'A') : v;
  }

  /** Whether any word occurs in {@code b[from, to)}. */
  boolean any(byte[] b, int from, int to) {
    int[] t = next;
    byte[] cls = classOf;
    int s = 0;
    for (int i = from; i < to; i++) {
      s = t[s + cls[b[i] & 0xff]];
      if (s < 0) {
        return true;
      }
    }
    return false;
  }

  /** The length of the bit sets {@link #find} fills: one bit per word, in the order of the list built from. */
  int bitSetLength() {
    return (words + 63) >>> 6;
  }

  /**
   * Sets in {@code found} the bit of every word that occurs in {@code b[from, to)}. A long range is read as
   * four interleaved quarters (each from {@code overlap} bytes before its start, so no word across a boundary is
   * missed): the four table walks do not wait for each other, which a single walk, one dependent load per
   * byte, does.
   */
  void find(byte[] b, int from, int to, long[] found) {
    int length = to - from;
    int o = overlap;
    int q = length >>> 2;
    if (q <= o || q < 64) {
      findFrom(b, from, to, 0, found);
      return;
    }
    int[] t = next;
    byte[] cls = classOf;
    int p0 = from;
    int p1 = from + q - o;
    int p2 = from + 2 * q - o;
    int p3 = from + 3 * q - o;
    int s0 = 0;
    int s1 = 0;
    int s2 = 0;
    int s3 = 0;
    for (int i = 0; i < q; i++) {
      s0 = t[s0 + cls[b[p0 + i] & 0xff]];
      s1 = t[s1 + cls[b[p1 + i] & 0xff]];
      s2 = t[s2 + cls[b[p2 + i] & 0xff]];
      s3 = t[s3 + cls[b[p3 + i] & 0xff]];
      if ((s0 | s1 | s2 | s3) < 0) {
        s0 = record(s0, found);
        s1 = record(s1, found);
        s2 = record(s2, found);
        s3 = record(s3, found);
      }
    }
    // the quarters' last bytes: the first quarter is done; the second and third read on to where the next one's
    // own range starts, the fourth to the end
    s1 = findFrom(b, p1 + q, from + 2 * q, s1, found);
    s2 = findFrom(b, p2 + q, from + 3 * q, s2, found);
    findFrom(b, p3 + q, to, s3, found);
  }

  /** Walks {@code b[from, to)} from state offset {@code s}, recording words; returns the state reached. */
  private int findFrom(byte[] b, int from, int to, int s, long[] found) {
    int[] t = next;
    byte[] cls = classOf;
    for (int i = from; i < to; i++) {
      s = t[s + cls[b[i] & 0xff]];
      if (s < 0) {
        s = record(s, found);
      }
    }
    return s;
  }

  /** A state offset as read from the table: if it ends words, adds them to {@code found}; the plain offset. */
  private int record(int s, long[] found) {
    if (s >= 0) {
      return s;
    }
    int plain = ~s;
    long[] bits = endBits[plain / classes];
    for (int i = 0; i < bits.length; i++) {
      found[i] |= bits[i];
    }
    return plain;
  }

  /** The number of states (for the log and tests). */
  int states() {
    return ends.length;
  }
}
