package io.moatwatch.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a byte range of a text file, for reading one file as several parts: a part holds every line
 * that starts at an offset in {@code [start, end)}, whole, however far past {@code end} it runs, so the parts of a
 * file hold each of its lines exactly once (Hadoop's {@code LineRecordReader} splits the same way). Lines end at
 * {@code \n} here; a {@code \r\n} file splits the same, a lone-{@code \r} file stays in the part it starts in.
 *
 * <p>Given the file's bytes from {@code max(0, start - 1)}: a part that does not begin the file looks at the
 * byte before its start to tell whether a line begins there, and otherwise skips the rest of the line in
 * progress (the part before holds it).
 */
public final class LineRange extends InputStream {
  private final InputStream in;
  private final long start;
  private final long end;
  private long pos;
  private boolean begun;
  private boolean done;
  private int last = -1;

  /**
   * @param fromBeforeStart the file's bytes from offset {@code max(0, start - 1)}
   * @param end             the first offset of the next part ({@code Long.MAX_VALUE} for the last part)
   */
  public LineRange(InputStream fromBeforeStart, long start, long end) {
    this.in = fromBeforeStart;
    this.start = start;
    this.end = end;
    this.pos = Math.max(0, start - 1);
  }

  private void begin() throws IOException {
    begun = true;
    if (start == 0) {
      return;
    }
    int c = in.read();
    pos++;
    if (c == '\n' || c < 0) {
      done = c < 0;
      return; // a line begins at start
    }
    while ((c = in.read()) >= 0) {
      pos++;
      if (c == '\n') {
        return; // the next line begins here: ours if it starts before end
      }
    }
    done = true;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (!begun) {
      begin();
    }
    if (len == 0) {
      return 0;
    }
    if (done || pos >= end && last == '\n' || pos >= end && last < 0) {
      // the line that starts at or after end is the next part's
      done = true;
      return -1;
    }
    int n;
    if (pos < end) {
      n = in.read(b, off, (int) Math.min(len, end - pos));
    } else {
      // past end inside our last line: up to its \n
      n = 0;
      int c;
      while (n < len && (c = in.read()) >= 0) {
        b[off + n++] = (byte) c;
        if (c == '\n') {
          done = true;
          break;
        }
      }
      if (n == 0) {
        done = true;
        return -1;
      }
      pos += n;
      last = b[off + n - 1];
      return n;
    }
    if (n < 0) {
      done = true;
      return -1;
    }
    pos += n;
    last = b[off + n - 1];
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
