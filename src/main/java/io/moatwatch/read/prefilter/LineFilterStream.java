package io.moatwatch.read.prefilter;

import io.moatwatch.read.format.ExportReader;
import io.moatwatch.read.format.JsonRecordStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A byte stream that, once {@link #arm armed}, replaces each line its {@link LineTest} refuses with one space
 * and keeps the line's terminator, before anything decodes it: the prefilter's byte-level half. Lines are
 * counted as {@link java.io.BufferedReader#readLine()} counts them ({@code \n}, {@code \r\n} or a lone
 * {@code \r} ends one; a last line without terminator is a line), so the reader above sees the same line
 * numbers, a refused line as a blank one. Blank lines are passed on untested, as the reader skips them
 * without counting them as records.
 *
 * <p>Until armed, bytes pass through as they are (only counted into lines); testing starts at the first line
 * that begins after {@link #arm}. Lines the reader above had already buffered then are its own filter's to
 * test ({@link JsonRecordStream#filterLines}).
 */
public final class LineFilterStream extends ChunkStream {
  private final InputStream in;
  /** Input read at a time when armed: lines are tested a block at a time. */
  public static final int BLOCK = 4 << 20;
  private final int block;
  /** Buffers of at least this many bytes have their line ends found in parallel ({@link #lineEnds}). */
  static final int PARALLEL_BYTES = 1 << 20;
  private final int parallelBytes;
  /** Blocks of at least this many lines are tested in parallel. */
  private static final int PARALLEL_LINES = 256;
  private byte[] buf;
  private byte[] out = new byte[0];
  private int[] lineEnd = new int[1024];
  private int[] nextStart = new int[1024];
  private boolean[] kept = new boolean[1024];
  private int start;
  private int end;
  private boolean eof;
  private long lines;
  private boolean lastWasCr;
  private boolean atLineStart = true;
  // armed by the reader's thread while the read-ahead thread above reads this stream (ExportReader.readAhead)
  private volatile LineTest test;
  private volatile long refused; // written by one thread only
  private volatile long firstTested = Long.MAX_VALUE;

  /**
   * Starts with a 64 KiB buffer: a stream that is never armed (every file the prefilter does not apply to) only
   * passes bytes on; an armed one grows it to hold a block of lines.
   */
  public LineFilterStream(InputStream in) {
    this(in, 1 << 16, BLOCK, PARALLEL_BYTES);
  }

  /**
   * {@code bufferSize}: where reading starts, grown for a block or a longer line; {@code block}: how much input
   * is tested at a time; {@code parallelBytes}: from how many bytes line ends are searched in parallel (all
   * small in tests, to cross boundaries).
   */
  LineFilterStream(InputStream in, int bufferSize, int block, int parallelBytes) {
    this.in = in;
    this.buf = new byte[bufferSize];
    this.block = block;
    this.parallelBytes = parallelBytes;
  }

  /** From the next line that starts, lines {@code test} refuses are blanked and counted ({@link #refused()}). */
  public void arm(LineTest test) {
    this.test = test;
  }

  /** The number of the first line this stream tested, or {@link Long#MAX_VALUE} before it tests one. */
  public long firstTested() {
    return firstTested;
  }

  /** Non-blank lines refused so far. */
  public long refused() {
    return refused;
  }

  /** Prepares the next bytes to emit; false at the end of the input. */
  @Override
  protected boolean nextChunk() throws IOException {
    if (start >= end && !fill()) {
      return false;
    }
    if (test == null) {
      passThrough(end);
      return true;
    }
    if (lastWasCr && atLineStart && buf[start] == '\n') {
      lastWasCr = false; // the \n of a \r\n split across segments
      emit(start, start + 1);
      return true;
    }
    // enough input for a block of whole lines (or all that is left), and at least one whole line
    while (!eof && end - start < block && fill()) {
      // read on
    }
    int count = lineEnds();
    while (count == 0 && fill()) {
      count = lineEnds(); // a line longer than the buffer: fill() grows it
    }
    if (count == 0) {
      count = lineEnds();
    }
    if (!atLineStart) {
      // the rest of a line that began before the stream was armed
      passThrough(nextStart[0]);
      return true;
    }
    testBlock(count);
    return true;
  }

  /**
   * Finds the whole lines in {@code buf[start, end)}: their ends ({@code lineEnd}) and where the next begins
   * ({@code nextStart}); returns how many. A \r last in the buffer waits for the byte after it (a \n would be
   * part of its terminator); at the end of the input the last line needs no terminator. A buffer of
   * {@code parallelBytes} or more is cut into {@link #PIECES} pieces, each ending just after a \n (so no
   * terminator is cut in two), searched on several threads: searched on the one thread that reads the stream,
   * the line ends were a part of every block the test's threads waited for.
   */
  private int lineEnds() {
    byte[] b = buf;
    boolean more = !eof;
    int split = afterLastNewline();
    Found[] found;
    if (split - start < parallelBytes) {
      found = new Found[] {terminated(b, start, end, more)};
    } else {
      int[] bounds = new int[PIECES + 2];
      bounds[0] = start;
      for (int k = 1; k < PIECES; k++) {
        int p = Math.max(bounds[k - 1], start + (int) ((long) (split - start) * k / PIECES));
        bounds[k] = p >= split ? split : Bytes.indexOfEither(b, p, split, (byte) '\n',
            (byte) '\n') + 1;
      }
      bounds[PIECES] = split;
      bounds[PIECES + 1] = end; // after the last \n: lines ended by a lone \r, or the last line of the input
      Found[] pieces = new Found[PIECES + 1];
      IntStream.range(0, PIECES + 1).parallel()
          .forEach(k -> pieces[k] = terminated(b, bounds[k], bounds[k + 1], more));
      found = pieces;
    }
    int count = 0;
    for (Found f : found) {
      for (int j = 0; j < f.size; j += 2) {
        count = addLine(count, f.pairs[j], f.pairs[j + 1]);
      }
    }
    int consumed = count == 0 ? start : nextStart[count - 1];
    if (eof && consumed < end) {
      count = addLine(count, end, end);
    }
    return count;
  }

  /** Pieces a large buffer's line ends are searched in, at once ({@link #lineEnds}). */
  private static final int PIECES = 8;

  /** Where the line after the last \n in {@code buf[start, end)} starts, or {@code start} without one. */
  private int afterLastNewline() {
    for (int i = end - 1; i >= start; i--) {
      if (buf[i] == '\n') {
        return i + 1;
      }
    }
    return start;
  }

  /**
   * The lines ended in {@code b[from, to)}, as pairs of where one ends and the next begins; a \r last in the
   * range is left for the byte after it when {@code more} input follows.
   */
  private static Found terminated(byte[] b, int from, int to, boolean more) {
    Found f = new Found();
    int i = Bytes.indexOfEither(b, from, to, (byte) '\n', (byte) '\r');
    while (i < to) {
      if (b[i] == '\r' && i == to - 1 && more) {
        break;
      }
      int next = b[i] == '\r' && i + 1 < to && b[i + 1] == '\n' ? i + 2 : i + 1;
      f.add(i, next);
      i = Bytes.indexOfEither(b, next, to, (byte) '\n', (byte) '\r');
    }
    return f;
  }

  /** A growing list of (line end, next line's start) pairs. */
  private static final class Found {
    private int[] pairs = new int[512];
    private int size;

    void add(int lineEndAt, int next) {
      if (size + 2 > pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2);
      }
      pairs[size++] = lineEndAt;
      pairs[size++] = next;
    }
  }

  private int addLine(int count, int lineEndAt, int next) {
    if (count == lineEnd.length) {
      lineEnd = Arrays.copyOf(lineEnd, count * 2);
      nextStart = Arrays.copyOf(nextStart, count * 2);
    }
    lineEnd[count] = lineEndAt;
    nextStart[count] = next;
    return count + 1;
  }

  /**
   * Tests the {@code count} whole lines from {@code start}, several at a time on the common fork-join pool
   * when there are many (a line's test reads only its own bytes), and emits what is kept.
   */
  private void testBlock(int count) {
    if (kept.length < count) {
      kept = new boolean[Math.max(count, kept.length * 2)];
    }
    long first = lines + 1;
    if (firstTested == Long.MAX_VALUE) {
      firstTested = first;
    }
    boolean[] keep = kept;
    LineTest armed = test;
    IntConsumer one = k -> {
      int from = k == 0 ? start : nextStart[k - 1];
      keep[k] = blank(from, lineEnd[k]) || armed.keep(buf, from, lineEnd[k], first + k);
    };
    if (count >= PARALLEL_LINES) {
      IntStream.range(0, count).parallel().forEach(one);
    } else {
      for (int k = 0; k < count; k++) {
        one.accept(k);
      }
    }
    int size = 0;
    for (int k = 0; k < count; k++) {
      int from = k == 0 ? start : nextStart[k - 1];
      size += keep[k] ? nextStart[k] - from : 1 + nextStart[k] - lineEnd[k];
    }
    if (out.length < size) {
      out = new byte[Math.max(size, out.length * 2)];
    }
    int o = 0;
    for (int k = 0; k < count; k++) {
      int from = k == 0 ? start : nextStart[k - 1];
      if (keep[k]) {
        System.arraycopy(buf, from, out, o, nextStart[k] - from);
        o += nextStart[k] - from;
      } else {
        refused++;
        // One space stays of the line: with nothing left, a \r ending the line before and the \n ending this
        // one would read as one \r\n, and a last line would vanish.
        out[o++] = ' ';
        System.arraycopy(buf, lineEnd[k], out, o, nextStart[k] - lineEnd[k]);
        o += nextStart[k] - lineEnd[k];
      }
    }
    lines += count;
    lastWasCr = false;
    start = nextStart[count - 1];
    chunk(out, 0, o);
  }

  /** Emits {@code buf[start, upTo)} as it is, counting the lines it ends. */
  private void passThrough(int upTo) {
    for (int i = start; i < upTo; i++) {
      byte c = buf[i];
      if (c == '\n') {
        if (!lastWasCr) {
          lines++;
        }
        lastWasCr = false;
      } else if (c == '\r') {
        lines++;
        lastWasCr = true;
      } else {
        lastWasCr = false;
      }
    }
    if (upTo > start) {
      byte last = buf[upTo - 1];
      atLineStart = last == '\n' || last == '\r';
    }
    emit(start, upTo);
  }

  /** Emits {@code buf[from, to)} and consumes the input up to {@code to}. */
  private void emit(int from, int to) {
    chunk(buf, from, to);
    start = to;
  }

  /** Whether {@code buf[from, to)} is blank as {@link String#isBlank()} says. */
  private boolean blank(int from, int to) {
    for (int i = from; i < to; i++) {
      int c = buf[i] & 0xff;
      if (c >= 0x80) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8).isBlank();
      }
      if (!(c == ' ' || c >= 9 && c <= 13 || c >= 28 && c <= 31)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads more input after what is left unprocessed, moving it to the front of the buffer (growing the
   * buffer for a line longer than it). False at the end of the input, nothing added.
   */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0; // everything emitted has been read: nextChunk runs only then
    }
    if (end == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
      return false;
    }
    end += n;
    return true;
  }


  @Override
  public void close() throws IOException {
    in.close();
  }
}
