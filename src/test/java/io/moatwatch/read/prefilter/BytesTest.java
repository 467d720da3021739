package io.moatwatch.read.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time searches against a byte-by-byte loop, on random bytes from a small alphabet, at every offset. */
class BytesTest {
  private static final byte[] ALPHABET = "iIdDu\"\\x:\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static byte[] random(Random r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : ALPHABET[r.nextInt(ALPHABET.length)];
    }
    return b;
  }

  private static int naiveIdOrEscape(byte[] b, int i, int to) {
    for (; i + 1 < to; i++) {
      if (b[i] == '\\' && b[i + 1] == 'u'
          || i + 2 < to && (b[i] == 'i' || b[i] == 'I') && (b[i + 1] == 'd' || b[i + 1] == 'D') && b[i + 2] == '"') {
        return i;
      }
    }
    return to;
  }

  private static int naiveEither(byte[] b, int i, int to, byte x, byte y) {
    while (i < to && b[i] != x && b[i] != y) {
      i++;
    }
    return i;
  }

  @Test
  void findsWhatAByteLoopFinds() {
    Random r = new Random(5);
    for (int round = 0; round < 3_000; round++) {
      byte[] b = random(r, 1 + r.nextInt(60));
      int from = r.nextInt(b.length);
      int to = from + r.nextInt(b.length - from + 1);
      assertThat(Bytes.indexOfIdOrEscape(b, from, to)).as("id or escape in round %d", round)
          .isEqualTo(naiveIdOrEscape(b, from, to));
      assertThat(Bytes.indexOfEither(b, from, to, (byte) '"', (byte) '\\')).as("either in round %d", round)
          .isEqualTo(naiveEither(b, from, to, (byte) '"', (byte) '\\'));
    }
  }

  @Test
  void aQuoteAfterIdIsFoundOnlyUnescapedAndWhole() {
    byte[] b = "{\"x\":\"did\\\"\",\"id\":1}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    // "did\"" holds id followed by a backslash, not a quote: the first id" is the key's
    assertThat(Bytes.indexOfIdOrEscape(b, 0, b.length)).isEqualTo(new String(b).indexOf("id\":1"));
  }
}
