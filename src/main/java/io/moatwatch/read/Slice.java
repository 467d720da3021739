package io.moatwatch.read;

import io.moatwatch.read.format.ExportReader;
import io.moatwatch.read.prefilter.ChunkStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * What one read task reads: a whole input file, or one part of a large JSON-lines dump, uncompressed or
 * {@code .bz2}, so that one big file is read by many tasks on every core of a cluster (README, "Month-scale
 * dumps"). A part is a Hadoop input split read by Hadoop's own {@link LineRecordReader}, as MapReduce and
 * Spark's text sources read them: each line of the file is in exactly one part (the one it starts in; for
 * {@code .bz2}, the one its compressed block starts in). A part's records say where they are as
 * {@code bytes START-END, line N} (N counted from the part's first line), and their {@code seq} runs on across
 * the parts of a file, so "first seen" stays in file order.
 *
 * @param end the first byte of the next part; -1 for a whole file
 */
public record Slice(String file, long start, long end) implements Serializable {

  /** Names that say a file is compressed in a stream that cannot be entered in the middle (bzip2 can). */
  private static final Set<String> UNSPLITTABLE = Set.of(".zst", ".zstd", ".gz", ".xz", ".lz4", ".snappy",
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

  /** Whether a file of this name can be read in parts: uncompressed, or {@code .bz2}. */
  public static boolean splittable(String file) {
    String name = file.toLowerCase(Locale.ROOT);
    return UNSPLITTABLE.stream().noneMatch(name::endsWith);
  }

  /** The parts of a file of {@code length} bytes, each {@code partBytes} long but the last. */
  public static List<Slice> parts(String file, long length, long partBytes) {
    List<Slice> out = new ArrayList<>();
    for (long s = 0; s < length; s += partBytes) {
      out.add(new Slice(file, s, Math.min(length, s + partBytes)));
    }
    return out;
  }

  /** This slice's records, through {@code reader}; closing them closes the file. */
  public ExportReader.Outcomes read(ExportReader reader, Configuration conf) throws IOException {
    Path path = new Path(file);
    InputStream in = isWhole() ? path.getFileSystem(conf).open(path) : lines(path, conf);
    try {
      return isWhole() ? reader.read(in, file) : reader.readText(in, file);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** A part's lines, decompressed, each ended by {@code \n} (package-private for tests). */
  InputStream lines(Path path, Configuration conf) throws IOException {
    LineRecordReader lines = new LineRecordReader();
    try {
      lines.initialize(new FileSplit(path, start, end - start, new String[0]),
          new TaskAttemptContextImpl(conf, new TaskAttemptID()));
    } catch (IOException | RuntimeException e) {
      lines.close();
      throw e;
    }
    return new Lines(lines);
  }

  /** The lines a {@link LineRecordReader} gives, as one stream, each ended by {@code \n}. */
  private static final class Lines extends ChunkStream {
    private final LineRecordReader reader;
    private byte[] line = new byte[0];

    Lines(LineRecordReader reader) {
      this.reader = reader;
    }

    @Override
    protected boolean nextChunk() throws IOException {
      if (!reader.nextKeyValue()) {
        return false;
      }
      Text t = reader.getCurrentValue();
      if (line.length < t.getLength() + 1) {
        line = new byte[Math.max(t.getLength() + 1, line.length * 2)];
      }
      System.arraycopy(t.getBytes(), 0, line, 0, t.getLength());
      line[t.getLength()] = '\n';
      chunk(line, 0, t.getLength() + 1);
      return true;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
