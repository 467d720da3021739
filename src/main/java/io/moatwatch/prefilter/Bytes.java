package io.moatwatch.prefilter;

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
}
