package io.moatwatch.read.prefilter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte searches on raw lines, shared by the line filter (line ends) and the id test (quotes, escapes). */
public final class Bytes {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Bytes() {}

  /**
   * The first {@code x} or {@code y} in {@code b[i, to)}, or {@code to}: eight bytes at a time (a byte equal to
   * one of them turns up as a zero byte of the word XOR that byte repeated; the lowest flagged byte is exact).
   */
  public static int indexOfEither(byte[] b, int i, int to, byte x, byte y) {
    long xs = (x & 0xffL) * 0x0101010101010101L;
    long ys = (y & 0xffL) * 0x0101010101010101L;
    while (i + 8 <= to) {
      long w = (long) LONGS.get(b, i);
      long wx = w ^ xs;
      long wy = w ^ ys;
      long found = (wx - 0x0101010101010101L) & ~wx & 0x8080808080808080L
          | (wy - 0x0101010101010101L) & ~wy & 0x8080808080808080L;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      i += 8;
    }
    while (i < to && b[i] != x && b[i] != y) {
      i++;
    }
    return i;
  }

  private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
  private static final long ONES = 0x0101010101010101L;
  private static final long CASE = 0x2020202020202020L;

  /**
   * The first {@code p} in {@code b[i, to)} where {@code b[p, p+3)} is {@code id"} (the two letters in either
   * case) or {@code b[p, p+2)} is {@code \\u}; or {@code to}. Eight places at a time, each tested exactly (a
   * byte equal to c turns up in {@link #zeroBytes} of the word XOR c repeated).
   */
  public static int indexOfIdOrEscape(byte[] b, int i, int to) {
    while (i + 10 <= to) {
      long w = (long) LONGS.get(b, i);
      long w1 = (long) LONGS.get(b, i + 1);
      long w2 = (long) LONGS.get(b, i + 2);
      long hit = zeroBytes((w | CASE) ^ ('i' * ONES)) & zeroBytes((w1 | CASE) ^ ('d' * ONES))
          & zeroBytes(w2 ^ ('"' * ONES))
          | zeroBytes(w ^ ('\\' * ONES)) & zeroBytes(w1 ^ ('u' * ONES));
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
      i += 8;
    }
    for (; i + 1 < to; i++) {
      if (b[i] == '\\' && b[i + 1] == 'u'
          || i + 2 < to && (b[i] | 0x20) == 'i' && (b[i + 1] | 0x20) == 'd' && b[i + 2] == '"') {
        return i;
      }
    }
    return to;
  }

  /** The high bit of each byte of {@code x} that is zero, exactly (no carries between bytes). */
  private static long zeroBytes(long x) {
    return ~(((x & LOW7) + LOW7) | x | LOW7);
  }
}
