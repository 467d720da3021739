package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdInputStream;
import io.moatwatch.read.prefilter.LineFilterStream;
import io.moatwatch.read.prefilter.LineTest;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.io.input.ReadAheadInputStream;

/**
 * Reads one export file into {@link ReadOutcome}s: decompresses ({@code .zst} with the 2 GiB window that
 * Pushshift dumps need, {@code .gz}, {@code .bz2}), splits it into JSON values, detects the format from the first value
 * that any reader recognises (or uses the forced one), and converts each record. Every record read gives
 * exactly one outcome; nothing is thrown for bad content. An I/O error (a truncated compressed stream)
 * ends the file with one rejected outcome saying so.
 *
 * <p>Pure Java: the Spark stage hands it an {@link InputStream} opened through Hadoop's file system.
 */
public final class ExportReader {
  /** Pushshift's monthly dumps are compressed with --long=31 and need this window. */
  private static final int ZSTD_WINDOW_LOG_MAX = 31;

  private final String forcedFormat;
  /** The read-ahead below the line filter ({@link #readAhead}). */
  private final int readAheadBelow;

  /** @param format {@link Formats#AUTO} or a format name from {@link Formats#names()} */
  public ExportReader(String format) {
    this(format, READ_AHEAD_BYTES);
  }

  private ExportReader(String format, int readAheadBelow) {
    if (!Formats.AUTO.equals(format)) {
      Formats.byName(format);
    }
    this.forcedFormat = format;
    this.readAheadBelow = readAheadBelow;
  }

  /**
   * The same reader for a file the prefilter will test ({@link Outcomes#prefilter}): it decompresses two of
   * the line filter's blocks ahead, not 1 MiB, so the file is decompressed while a whole block is tested
   * instead of in turns with them (ten million generated comments on the 2-core build machine: first pass
   * 45-46 s to 32-40 s; BENCHMARKS.md). Its two buffers take 16 MiB per file read, hence not for every file.
   */
  public ExportReader forPrefilter() {
    return new ExportReader(forcedFormat, 2 * LineFilterStream.BLOCK);
  }

  /** Opens {@code raw} (named {@code file}) and returns a lazy iterator; closing it closes the stream. */
  public Outcomes read(InputStream raw, String file) throws IOException {
    return readText(decompress(raw, file), file);
  }

  /** The same for a stream already decompressed (a part of {@code file} read by Hadoop's line reader). */
  public Outcomes readText(InputStream text, String file) throws IOException {
    TruncationGuard in = new TruncationGuard(text);
    LineFilterStream lines = new LineFilterStream(readAhead(in, readAheadBelow));
    BufferedReader reader = new BufferedReader(
        new InputStreamReader(readAhead(lines, READ_AHEAD_BYTES), StandardCharsets.UTF_8), 1 << 16);
    return new Outcomes(open(reader, file), file, in, lines);
  }

  /**
   * Chooses the record stream from the first non-blank line: {@code <} is Stack Exchange XML; a
   * comma-separated header naming {@code id} and {@code created_at} is CSV; anything else is JSON.
   */
  static RecordStream open(BufferedReader reader, String file) throws IOException {
    reader.mark(SNIFF_CHARS + 1);
    String first = null;
    try {
      // The start of the first non-blank line, at most SNIFF_CHARS read: enough to tell JSON, XML and CSV
      // apart, and never past the mark however long the line (a whole export may be one line).
      StringBuilder start = new StringBuilder();
      for (int i = 0, c; i < SNIFF_CHARS && (c = reader.read()) != -1; i++) {
        if (c == '\n' && !start.toString().isBlank()) {
          break;
        }
        if (c != '\n' && c != '\r' && start.length() < SNIFF_LINE) {
          start.append((char) c);
        }
      }
      first = start.toString().strip().replace("\uFEFF", "");
    } catch (IOException e) {
      // A stream broken this early (a truncated .zst) is read as JSON, which reports it as a reject after
      // whatever records came before the damage.
      first = null;
    }
    reader.reset();
    reader.mark(1); // drop the mark at once (a valid large mark makes BufferedReader quadratic)
    if (first != null && first.startsWith("<")) {
      return new XmlRowStream(reader, siteOf(file));
    }
    if (first != null && !first.startsWith("{") && !first.startsWith("[") && isCsvHeader(first)) {
      return new CsvRecordStream(reader);
    }
    return new JsonRecordStream(reader);
  }

  private static final int SNIFF_CHARS = 1 << 16;
  private static final int SNIFF_LINE = 4096;

  private static boolean isCsvHeader(String line) {
    List<String> columns = Arrays.stream(line.toLowerCase(Locale.ROOT).split(","))
        .map(c -> c.strip().replace("\"", "")).toList();
    return columns.contains("id") && columns.contains("created_at");
  }

  /** The folder a dump file is in, when it names a site ({@code coffee.stackexchange.com/Posts.xml}). */
  static String siteOf(String file) {
    String[] parts = file.replace('\\', '/').split("/");
    if (parts.length < 2) {
      return null;
    }
    String dir = parts[parts.length - 2];
    return dir.contains(".") ? dir : null;
  }

  /**
   * {@code in} read on a thread of its own, a buffer ahead of its reader (commons-io): one below the line
   * filter, so the file is decompressed while the lines read before are tested, and one above it, so lines are
   * tested while the reader parses and prepares the ones kept. A file's single task thus keeps both cores of
   * the build machine busy (BENCHMARKS.md, "Month-scale dumps"). It sits above {@link TruncationGuard}: a read
   * error reaches it as the end of the stream, so none of the bytes read before the damage are dropped with the
   * buffer being filled.
   */
  private static InputStream readAhead(InputStream in, int bytes) throws IOException {
    return ReadAheadInputStream.builder().setInputStream(in)
        .setBufferSize(bytes).get();
  }

  private static final int READ_AHEAD_BYTES = 1 << 20;

  static InputStream decompress(InputStream raw, String file) throws IOException {
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    if (file.endsWith(".zst") || file.endsWith(".zstd")) {
      ZstdInputStream z = new ZstdInputStream(in);
      z.setLongMax(ZSTD_WINDOW_LOG_MAX);
      return z;
    }
    if (file.endsWith(".gz")) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (file.endsWith(".bz2")) {
      return new BZip2CompressorInputStream(in, true);
    }
    return in;
  }

  /**
   * The outcomes of one JSON line of {@code file} in {@code format} left unparsed where it was read
   * ({@link ReadOutcome.Unparsed}): the same as {@link Outcomes} gives for the line read in place (a malformed
   * line is one reject, an array on one line is read element by element), so it can be parsed on any core.
   */
  public static List<ReadOutcome> parseLine(ReadOutcome.Unparsed line) {
    PostReader reader = Formats.byName(line.format());
    List<ReadOutcome> out = new ArrayList<>(1);
    RecordStream.Item item = JsonRecordStream.lineItem(line.line(), line.position());
    if (!item.ok()) {
      out.add(new ReadOutcome.Rejected(new Reject(line.file(), item.position(), item.error(), item.excerpt()),
          line.format()));
      return out;
    }
    topLevel(item.value(), item.position(), (v, position) -> records(reader, v, line.file(), position, out::add));
    return out;
  }

  /**
   * The top-level values of one item at {@code position}: the value, or the elements of a JSON array on one
   * line (an API page per line), each with its place in the array.
   */
  private static void topLevel(JsonNode value, String position,
      BiConsumer<JsonNode, String> each) {
    if (value.isArray()) {
      int i = 0;
      for (JsonNode element : value) {
        each.accept(element, position + ", item " + i++);
      }
    } else {
      each.accept(value, position);
    }
  }

  /** The outcomes of one top-level value, known to be in {@code reader}'s format. */
  private static void records(PostReader reader, JsonNode value, String file, String itemPosition,
      Consumer<ReadOutcome> out) {
    List<JsonNode> records = reader.records(value);
    if (records.isEmpty()) {
      // Never let a value vanish: an envelope with nothing inside (a search with no hits) is still counted.
      out.accept(new ReadOutcome.Skipped("empty " + reader.format() + " envelope: no records inside",
          reader.format(), file, itemPosition));
      return;
    }
    for (int i = 0; i < records.size(); i++) {
      String position = records.size() == 1 ? itemPosition : itemPosition + ", record " + i;
      JsonNode record = records.get(i);
      try {
        out.accept(new ReadOutcome.Parsed(reader.toPost(record), reader.format(), file, position,
            version(record)));
      } catch (BadRecordException e) {
        out.accept(new ReadOutcome.Rejected(new Reject(file, position, e.getMessage(), record.toString()),
            reader.format()));
      } catch (NotContentException e) {
        out.accept(new ReadOutcome.Skipped(e.getMessage(), reader.format(), file, position));
      }
    }
  }

  /** The record's {@code @version} (set by readers of exports that version their items), or null. */
  private static java.time.Instant version(JsonNode record) {
    JsonNode v = record.get("@version");
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      return Timestamps.parse(v, "@version");
    } catch (BadRecordException e) {
      return null; // an unreadable version only loses the tie-break, not the post
    }
  }

  /** The outcomes of one file, in file order. */
  public final class Outcomes implements Iterator<ReadOutcome>, Closeable {
    private final RecordStream stream;
    private final String file;
    private final TruncationGuard input;
    private final Deque<ReadOutcome> pending = new ArrayDeque<>();
    private PostReader reader;
    private boolean broken;
    private final LineFilterStream lines;
    private LineTest prefilter;
    private Set<String> prefilterFormats;

    private Outcomes(RecordStream stream, String file, TruncationGuard input, LineFilterStream lines) {
      this.stream = stream;
      this.file = file;
      this.input = input;
      this.lines = lines;
      this.reader = Formats.AUTO.equals(forcedFormat) ? null : Formats.byName(forcedFormat);
    }

    /**
     * Skips, without parsing, the JSON lines that {@code keep} refuses, once the file's format is known to be
     * one of {@code formats} (the first record is always parsed: it tells the format). Lines skipped are
     * counted by {@link #prefiltered()}, not returned. The lines not yet read from the input are tested on
     * their raw bytes, before decoding ({@link LineFilterStream}); the few the reader had already decoded, on
     * their text's bytes; each line is tested once.
     */
    public void prefilter(LineTest keep, Set<String> formats) {
      this.prefilter = keep;
      this.prefilterFormats = formats;
      armPrefilter();
    }

    /**
     * From now on, the JSON lines the prefilter keeps are not parsed here but given as
     * {@link ReadOutcome.Unparsed}, for {@link ExportReader#parseLine} on another core: the task that decompresses
     * a file that cannot be split only tests its lines (README, "Month-scale dumps"). Lines read before the
     * prefilter applies (the first, which tells the format) are parsed here as usual.
     */
    public void deferParsing() {
      if (stream instanceof JsonRecordStream j) {
        j.deferKeptLines();
      }
    }

    /** Records skipped by the prefilter. */
    public long prefiltered() {
      return (stream instanceof JsonRecordStream j ? j.filteredLines() : 0) + lines.refused();
    }

    private void armPrefilter() {
      if (prefilter != null && reader != null && prefilterFormats.contains(reader.format()) && jsonLines()
          && stream instanceof JsonRecordStream j) {
        LineTest keep = prefilter;
        // a line the byte stream tests arrives here already decided (blank when refused)
        j.filterLines((b, from, to, line) -> line >= lines.firstTested() || keep.keep(b, from, to, line));
        lines.arm(keep);
        prefilter = null;
      }
    }

    /** Whether the file is JSON lines (known once the first record has been read). */
    public boolean jsonLines() {
      return stream instanceof JsonRecordStream j && Boolean.TRUE.equals(j.lineMode());
    }

    /** The format used for this file so far ({@code unknown} until one is recognised). */
    public String format() {
      return reader == null ? "unknown" : reader.format();
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && !broken && nextItem()) {
        // fill pending from the next top-level value
      }
      return !pending.isEmpty();
    }

    @Override
    public ReadOutcome next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.poll();
    }

    private boolean nextItem() {
      RecordStream.Item item;
      try {
        if (!stream.hasNext()) {
          broken = true;
          if (input.error() != null) {
            // Everything before the damage was read; the file says so once, at its end.
            pending.add(reject("end of readable data", "unreadable input: " + input.error().getMessage()
                + " (the rest of the file could not be read)", null));
          }
          return false;
        }
        item = stream.next();
      } catch (UncheckedIOException e) {
        broken = true;
        pending.add(reject("end of readable data", "unreadable input: " + e.getCause().getMessage()
            + " (the rest of the file could not be read)", null));
        return false;
      }
      if (!item.ok()) {
        pending.add(reject(item.position(), item.error(), item.excerpt()));
        return true;
      }
      if (item.isDeferred()) {
        pending.add(new ReadOutcome.Unparsed(item.excerpt(), reader.format(), file, item.position()));
        return true;
      }
      topLevel(item.value(), item.position(), this::convert);
      return true;
    }

    private void convert(JsonNode value, String itemPosition) {
      if (reader == null) {
        reader = Formats.detect(value).orElse(null);
        if (reader == null) {
          pending.add(reject(itemPosition,
              "unknown format: the record matches none of " + String.join(", ", Formats.names().subList(1,
                  Formats.names().size())), value.toString()));
          return;
        }
      }
      armPrefilter(); // with a forced format: at the first value, once the layout is known
      records(reader, value, file, itemPosition, pending::add);
    }

    private ReadOutcome reject(String position, String reason, String excerpt) {
      return new ReadOutcome.Rejected(new Reject(file, position, reason, excerpt), format());
    }

    @Override
    public void close() throws IOException {
      stream.close();
    }
  }
}
