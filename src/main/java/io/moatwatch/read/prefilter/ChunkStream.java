package io.moatwatch.read.prefilter;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that hands out bytes from chunks it makes itself ({@link #nextChunk}): the line streams of the
 * read stage, which produce a block of lines, or one line, at a time.
 */
public abstract class ChunkStream extends InputStream {
  private byte[] chunk = new byte[0];
  private int pos;
  private int limit;

  /** Sets the next bytes to hand out ({@link #chunk}); false at the end of the stream. */
  protected abstract boolean nextChunk() throws IOException;

  /** Called by {@link #nextChunk}: the next bytes are {@code bytes[from, to)} (not copied). */
  protected final void chunk(byte[] bytes, int from, int to) {
    chunk = bytes;
    pos = from;
    limit = to;
  }

  /** Bytes of the current chunk not yet handed out. */
  @Override
  public int available() {
    return limit - pos;
  }

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos >= limit) {
      if (!nextChunk()) {
        return -1;
      }
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(chunk, pos, b, off, n);
    pos += n;
    return n;
  }
}
