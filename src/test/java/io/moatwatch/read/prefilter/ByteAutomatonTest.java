package io.moatwatch.read.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The byte automaton against the plainest oracle: every word looked for on its own in the lower-cased bytes. */
class ByteAutomatonTest {
  private static final List<String> WORDS = List.of("rocm", "cuda", "hip", "hipify", "ship", "amd", "amdgpu",
      "a", "gpu", "pu", "tinygrad", "grad", "\\u0131", "\u017f", "radeonopencompute");

  private static ByteAutomaton automaton() {
    List<byte[]> bytes = new ArrayList<>();
    WORDS.forEach(w -> bytes.add(w.getBytes(StandardCharsets.UTF_8)));
    return new ByteAutomaton(bytes);
  }

  /** The words the oracle finds in {@code line[from, to)}: each looked for alone, ASCII letters folded. */
  private static Set<String> oracle(byte[] line, int from, int to) {
    byte[] lower = java.util.Arrays.copyOfRange(line, from, to);
    for (int i = 0; i < lower.length; i++) {
      if (lower[i] >= 'A' && lower[i] <= 'Z') {
        lower[i] += 'a' - 'A'; // ASCII letters only: the bytes of other characters stay as they are
      }
    }
    String folded = new String(lower, StandardCharsets.ISO_8859_1);
    Set<String> out = new TreeSet<>();
    for (String w : WORDS) {
      if (folded.contains(new String(w.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
        out.add(w);
      }
    }
    return out;
  }

  private static Set<String> found(ByteAutomaton a, byte[] line, int from, int to) {
    long[] bits = new long[a.bitSetLength()];
    a.find(line, from, to, bits);
    Set<String> out = new TreeSet<>();
    for (int w = 0; w < WORDS.size(); w++) {
      if ((bits[w >>> 6] & 1L << w) != 0) {
        out.add(WORDS.get(w));
      }
    }
    return out;
  }

  /**
   * Random lines of every length up to 2,000 bytes (long ones are read in four interleaved quarters), words
   * often straddling the quarters' boundaries, in ranges that start and end anywhere in the buffer.
   */
  @Test
  void findsEveryWordOfRandomLinesShortAndLong() {
    ByteAutomaton a = automaton();
    Random random = new Random(16);
    String alphabet = "rocmudahipfysgtnRCOMUDAHIPGTN \"\\u0131\u017f-_é";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(n % 10 == 0 ? 2000 : 80);
      while (s.length() < length) {
        s.append(random.nextInt(8) == 0 ? WORDS.get(random.nextInt(WORDS.size()))
            : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
      }
      byte[] line = s.toString().getBytes(StandardCharsets.UTF_8);
      int from = line.length == 0 ? 0 : random.nextInt(Math.min(line.length, 5));
      int to = Math.max(from, line.length - random.nextInt(3));
      Set<String> expected = oracle(line, from, to);
      assertThat(found(a, line, from, to)).as(s.toString()).isEqualTo(expected);
      assertThat(a.any(line, from, to)).as(s.toString()).isEqualTo(!expected.isEmpty());
    }
  }

  @Test
  void aWordAcrossTheQuartersOfALongLineIsFound() {
    ByteAutomaton a = automaton();
    for (int at = 0; at < 1200; at++) {
      byte[] line = new byte[1200 + "radeonopencompute".length()];
      java.util.Arrays.fill(line, (byte) 'x');
      System.arraycopy("RadeonOpenCompute".getBytes(StandardCharsets.US_ASCII), 0, line, at, 17);
      assertThat(found(a, line, 0, line.length)).as("at %d", at)
          .containsExactly("a", "pu", "radeonopencompute"); // its "a" and "pu" are words too
    }
  }

  @Test
  void looksOnlyInsideTheRange() {
    ByteAutomaton a = automaton();
    byte[] b = "cuda xx ROCm yy HIP".getBytes(StandardCharsets.US_ASCII);
    assertThat(a.any(b, 5, 8)).isFalse();
    assertThat(a.any(b, 4, 11)).isFalse(); // "ROC" without its m
    assertThat(a.any(b, 4, 12)).isTrue();
    assertThat(found(a, b, 1, b.length)).containsExactly("a", "hip", "rocm");
  }
}
