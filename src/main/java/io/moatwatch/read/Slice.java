package io.moatwatch.read;

import io.moatwatch.ingest.LineRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What one read task reads: a whole input file, or one part of a large uncompressed JSON-lines dump, the lines
 * that start in bytes {@code [start, end)} ({@link LineRange}), so that one big file is read by many tasks on
 * every core of a cluster (README, "Month-scale dumps"). A part's records say where they are as
 * {@code bytes START-END, line N} (N counted from the part's first line), and their {@code seq} runs on across
 * the parts of a file, so "first seen" stays in file order.
 *
 * @param end the first byte of the next part; -1 for a whole file
 */
public record Slice(String file, long start, long end) implements Serializable {

  /** Names that say a file is compressed: such a stream cannot be entered in the middle. */
  private static final Set<String> COMPRESSED = Set.of(".zst", ".zstd", ".gz", ".bz2", ".xz", ".lz4", ".snappy",
      ".zip", ".br");

  public static Slice whole(String file) {
    return new Slice(file, 0, -1);
  }

  /** Whether this is a whole file. */
  public boolean isWhole() {
    return end < 0;
  }

  /** A key for this slice, unique in a run: the file, with the byte range of a part. */
  public String key() {
    return isWhole() ? file : file + "@" + start + "-" + end;
  }

  /** A record's position: as the reader gives it, after the byte range of a part. */
  public String position(String inSlice) {
    return isWhole() ? inSlice : "bytes " + start + "-" + end + ", " + inSlice;
  }

  /**
   * The {@code seq} of the {@code local}-th row of this slice: the same for a whole file, and for a part ahead of
   * every row of the parts before it (a part of L bytes has at most L + 1 rows, and the next part starts L bytes
   * later: twice the start leaves room).
   */
  public long seq(long local) {
    return isWhole() ? local : 2 * start + local;
  }

  /** Whether a file of this name can be read in parts: not compressed. */
  public static boolean splittable(String file) {
    String name = file.toLowerCase(Locale.ROOT);
    return COMPRESSED.stream().noneMatch(name::endsWith);
  }

  /** The parts of a file of {@code length} bytes, each {@code partBytes} long but the last. */
  public static List<Slice> parts(String file, long length, long partBytes) {
    List<Slice> out = new ArrayList<>();
    for (long s = 0; s < length; s += partBytes) {
      out.add(new Slice(file, s, Math.min(length, s + partBytes)));
    }
    return out;
  }

  /** Opens this slice's bytes. */
  public InputStream open(FileSystem fs) throws IOException {
    FSDataInputStream in = fs.open(new Path(file));
    if (isWhole()) {
      return in;
    }
    try {
      in.seek(Math.max(0, start - 1));
      return new LineRange(in, start, end);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
