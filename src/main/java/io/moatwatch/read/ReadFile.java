package io.moatwatch.read;

import io.moatwatch.prepare.AuthorHasher;
import io.moatwatch.prepare.PostPreparer;
import io.moatwatch.prepare.PreparedPost;
import io.moatwatch.read.format.ExportReader;
import io.moatwatch.read.format.ReadOutcome;
import io.moatwatch.read.format.Reject;
import io.moatwatch.read.prefilter.Prefilter;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.schema.Post;
import io.moatwatch.schema.RowBuilder;
import io.moatwatch.schema.Status;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read stage, on executors: one input file (or one part of one, a {@link Slice}) in, one {@link Columns#READ}
 * row per record out, streamed.
 * Parsing, cleaning and topic matching are the pure {@link ExportReader} and {@link PostPreparer}; this class
 * only opens the file through Hadoop and turns outcomes into rows.
 */
public final class ReadFile implements FlatMapFunction<Slice, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ReadFile.class);
  private static final RowBuilder.Shape READ = RowBuilder.shape(Columns.READ);

  /** Reads input files; adds every column of {@link Columns#READ}. */
  public static final Contract STAGE = new Contract("read", List.of(), Columns.names(Columns.READ));

  private final String format;
  private final PostPreparer preparer;
  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final AuthorHasher authors;
  private final Broadcast<Prefilter> prefilter;
  private final boolean deferParsing;

  /**
   * {@code authors}: when not null, author names are replaced by their keyed hash and excerpts left out.
   * {@code prefilter}: when not null, the raw lines it refuses are counted, not parsed (see {@link Prefilter}); a
   * broadcast, sent once per executor, since with a file in many parts it holds the line numbers of every part.
   */
  public ReadFile(String format, PostPreparer preparer, Broadcast<SerializableConfiguration> hadoopConf,
      AuthorHasher authors, Broadcast<Prefilter> prefilter) {
    this(format, preparer, hadoopConf, authors, prefilter, false);
  }

  /**
   * The same read, for a cluster whose other cores would sit idle while one task decompresses a file that cannot
   * be split: in a prefiltered whole file, the lines the prefilter keeps are not parsed here but given as
   * {@link #UNPARSED} rows holding the raw line, which {@link #parseUnparsed()} turns into the rows this class
   * would have given, on whatever core the rows were spread to. Their {@code seq}s keep the file's order (a
   * record's is its line's shifted left by {@link #RECORD_BITS}, plus its place in the line).
   */
  public ReadFile deferringParse() {
    return new ReadFile(format, preparer, hadoopConf, authors, prefilter, true);
  }

  private ReadFile(String format, PostPreparer preparer, Broadcast<SerializableConfiguration> hadoopConf,
      AuthorHasher authors, Broadcast<Prefilter> prefilter, boolean deferParsing) {
    this.format = format;
    this.preparer = preparer;
    this.hadoopConf = hadoopConf;
    this.authors = authors;
    this.prefilter = prefilter;
    this.deferParsing = deferParsing;
  }

  @Override
  public Iterator<Row> call(Slice slice) {
    ExportReader.Outcomes outcomes;
    String name = slice.file();
    boolean prefiltered = prefilter != null && prefilter.value().appliesTo(name);
    ExportReader reader = prefiltered ? new ExportReader(format).forPrefilter() : new ExportReader(format);
    try {
      outcomes = slice.read(reader, hadoopConf.value().value()); // closes the file if it fails
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot read {}: {}", slice.key(), e.toString());
      Reject r = new Reject(name, slice.position("start of file"), "unreadable input: " + e.getMessage(), "");
      return Collections.singletonList(rejectRow(r, "unknown", slice.seq(0))).iterator();
    }
    if (prefiltered) {
      outcomes.prefilter(prefilter.value().keep(slice.key()), Prefilter.FORMATS);
    }
    boolean deferred = prefiltered && deferParsing && slice.isWhole();
    if (deferred) {
      outcomes.deferParsing();
    }
    LOG.info("Reading {}", slice.key());
    return new SliceRows(slice, outcomes, deferred);
  }

  /**
   * The rows of one slice's records, in file order, then (when the prefilter skipped some) one row counting the
   * records it never parsed; the file is closed after the last record.
   */
  private final class SliceRows implements Iterator<Row> {
    private final Slice slice;
    private final ExportReader.Outcomes outcomes;
    /** Whether the kept lines are left unparsed here, to be parsed on every core ({@link #parseUnparsed}). */
    private final boolean deferred;
    private long seq;
    private boolean closed;
    private Row summary;
    private Row[] batch = new Row[0];
    private int next;

    SliceRows(Slice slice, ExportReader.Outcomes outcomes, boolean deferred) {
      this.slice = slice;
      this.outcomes = outcomes;
      this.deferred = deferred;
    }

    @Override
    public boolean hasNext() {
      if (next < batch.length || summary != null) {
        return true;
      }
      if (closed) {
        return false;
      }
      if (outcomes.hasNext()) {
        batch = nextBatch();
        next = 0;
        return true;
      }
      closed = true;
      summary = finish();
      return summary != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (next < batch.length) {
        Row r = batch[next];
        batch[next++] = null;
        return r;
      }
      Row r = summary;
      summary = null;
      return r;
    }

    /**
     * The rows of the next records, in file order: parsed one after another (the file is one stream), then
     * cleaned, matched and language-detected several at a time on the common fork-join pool, so the cores
     * a file's single task leaves idle prepare its posts (PostPreparer is pure and thread-safe).
     */
    private Row[] nextBatch() {
      List<ReadOutcome> pulled = new ArrayList<>(BATCH);
      while (pulled.size() < BATCH && outcomes.hasNext()) {
        pulled.add(outcomes.next());
      }
      long first = seq;
      seq += pulled.size();
      IntStream indexes = IntStream.range(0, pulled.size());
      return (pulled.size() >= PARALLEL_BATCH ? indexes.parallel() : indexes)
          .mapToObj(i -> row(pulled.get(i), slice, seqOf(first + i))).toArray(Row[]::new);
    }

    /** After the last record: logs what was read, closes the file; the prefiltered records' row, or null. */
    private Row finish() {
      long skipped = outcomes.prefiltered();
      if (deferred) {
        // a kept line may hold several records (an array on one line): they are counted where it is parsed
        LOG.info("Read {} lines from {} (format {}): {} skipped by the prefilter, unparsed; {} kept, to be"
            + " parsed on every core", seq + skipped, slice.key(), outcomes.format(), skipped, seq);
      } else {
        LOG.info("Read {} records from {} (format {}){}", seq + skipped, slice.key(), outcomes.format(),
            skipped > 0 ? ": " + skipped + " skipped by the prefilter, unparsed" : "");
      }
      Row counted = skipped > 0 ? prefilteredRow(slice.file(), outcomes.format(), skipped, slice, seqOf(seq++)) : null;
      try {
        outcomes.close();
      } catch (IOException e) {
        LOG.warn("Closing {}: {}", slice.file(), e.toString());
      }
      return counted;
    }

    private long seqOf(long n) {
      return deferred ? n << RECORD_BITS : slice.seq(n);
    }
  }

  /** Records pulled from a file at a time. */
  private static final int BATCH = 512;
  /** Batches at least this large are prepared in parallel. */
  private static final int PARALLEL_BATCH = 16;

  /**
   * The row of outcome {@code o} of {@code slice}; {@code seq} is the row's own, already mapped from the slice's
   * count ({@code seqOf}, the one place that applies a part's offset).
   */
  private Row row(ReadOutcome o, Slice slice, long seq) {
    if (o instanceof ReadOutcome.Parsed p) {
      return postRow(preparer.prepare(p.post()), p, slice, seq);
    }
    if (o instanceof ReadOutcome.Skipped skip) {
      return skippedRow(skip, slice, seq);
    }
    if (o instanceof ReadOutcome.Unparsed u) {
      return located(READ.row(), u.format(), u.file(), slice.position(u.position()), seq)
          .set(Columns.STATUS, UNPARSED)
          .set(Columns.EXCERPT, u.line())
          .build();
    }
    ReadOutcome.Rejected r = (ReadOutcome.Rejected) o;
    Reject reject = r.reject();
    return rejectRow(new Reject(reject.file(), slice.position(reject.position()), reject.reason(), reject.excerpt()),
        r.format(), seq);
  }

  /**
   * The status of a row holding a raw line left unparsed ({@link #deferringParse()}); never leaves the read
   * stage.
   */
  public static final String UNPARSED = "unparsed";
  /** Bits of a {@code seq} left for the records of one line read elsewhere (at most 2^24 on one line). */
  static final int RECORD_BITS = 24;
  // the rows are built without a schema (RowBuilder), so their fields are read by place
  private static final int STATUS_AT = Columns.READ.fieldIndex(Columns.STATUS);
  private static final int FILE_AT = Columns.READ.fieldIndex(Columns.FILE);
  private static final int POSITION_AT = Columns.READ.fieldIndex(Columns.POSITION);
  private static final int FORMAT_AT = Columns.READ.fieldIndex(Columns.FORMAT);
  private static final int EXCERPT_AT = Columns.READ.fieldIndex(Columns.EXCERPT);
  private static final int SEQ_AT = Columns.READ.fieldIndex(Columns.SEQ);

  /**
   * Parses and prepares the {@link #UNPARSED} rows of {@link #deferringParse()}, on the cores they were spread to;
   * every other row passes as it is. Each task says in its log how many lines it parsed, of which files.
   */
  public FlatMapFunction<Iterator<Row>, Row> parseUnparsed() {
    return rows -> new Iterator<>() {
      private final ArrayDeque<Row> out = new ArrayDeque<>();
      private final Map<String, Long> parsed = new TreeMap<>();
      private boolean logged;

      @Override
      public boolean hasNext() {
        while (out.isEmpty() && rows.hasNext()) {
          Row r = rows.next();
          if (!UNPARSED.equals(r.getString(STATUS_AT))) {
            out.add(r);
            continue;
          }
          String file = r.getString(FILE_AT);
          parsed.merge(file, 1L, Long::sum);
          String position = r.getString(POSITION_AT);
          List<ReadOutcome> outcomes = ExportReader.parseLine(new ReadOutcome.Unparsed(r.getString(EXCERPT_AT),
              r.getString(FORMAT_AT), file, position));
          if (outcomes.size() >= 1 << RECORD_BITS) {
            throw new IllegalStateException("more than " + (1 << RECORD_BITS) + " records on "
                + position + " of " + file);
          }
          long seq = r.getLong(SEQ_AT);
          for (int i = 0; i < outcomes.size(); i++) {
            out.add(row(outcomes.get(i), Slice.whole(file), seq + i));
          }
        }
        if (out.isEmpty() && !logged) {
          logged = true;
          parsed.forEach((f, n) -> LOG.info("Parsed {} lines of {} read by another task", n, f));
        }
        return !out.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return out.poll();
      }
    };
  }

  private Row postRow(PreparedPost prepared, ReadOutcome.Parsed where, Slice slice, long seq) {
    Post p = prepared.post();
    var c = prepared.clean();
    return located(READ.row(), where.format(), where.file(), slice.position(where.position()), seq)
        .set(Columns.STATUS, prepared.status().label())
        .set(Columns.REASON, prepared.reason())
        .set(Columns.POST_ID, p.postId())
        .set(Columns.SOURCE, p.source())
        .set(Columns.KIND, p.kind())
        .set(Columns.COMMUNITY, p.community())
        .set(Columns.THREAD_ID, p.threadId())
        .set(Columns.PARENT_ID, p.parentId())
        .set(Columns.AUTHOR, authors == null ? p.author() : authors.hash(p.author()))
        .set(Columns.CREATED_AT, Timestamp.from(p.createdAt()))
        .set(Columns.TITLE, p.title())
        .set(Columns.URL, p.url())
        .set(Columns.SCORE, p.score())
        .set(Columns.DELETED, p.deleted())
        .set(Columns.REMOVED, p.removed())
        .set(Columns.TEXT_CLEAN, c.text())
        .set(Columns.TEXT_CODE, c.code().isBlank() ? null
            : c.code().substring(0, Math.min(c.code().length(), Columns.CODE_CHARS)))
        .set(Columns.TOPICS_DIRECT, Columns.seq(prepared.directTopics()))
        .set(Columns.TOPIC_SOURCES, Columns.mapOfSeqs(prepared.sources().sources()))
        .set(Columns.TOPICS_THREAD_TITLE, Columns.seq(prepared.threadTitleTopics()))
        .set(Columns.DT, prepared.day())
        .set(Columns.VERSION, where.version() == null ? null : Timestamp.from(where.version()))
        .set(Columns.DROPPED_CODE_BLOCKS, c.codeBlocks())
        .set(Columns.DROPPED_QUOTES, c.quotes())
        .set(Columns.DROPPED_LOG_LINES, c.logLines())
        .set(Columns.DROPPED_URLS, c.urls())
        .build();
  }

  /** A reject; its raw excerpt is left out in privacy mode, since raw records hold author names. */
  private Row rejectRow(Reject r, String format, long seq) {
    return located(READ.row(), format, r.file(), r.position(), seq)
        .set(Columns.STATUS, Status.REJECTED.label())
        .set(Columns.REASON, r.reason())
        .set(Columns.EXCERPT, authors == null ? r.excerpt() : null)
        .build();
  }

  /** One row for all the records of a file the prefilter skipped: off topic, and never parsed. */
  private static Row prefilteredRow(String file, String format, long records, Slice slice, long seq) {
    return located(READ.row(), format, file, slice.position(records + " raw records"), seq)
        .set(Columns.STATUS, Status.OFF_TOPIC.label())
        .set(Columns.REASON, PREFILTERED + "; no topic word and no id of an on-topic thread in " + records
            + " raw records")
        .set(Columns.N_RECORDS, records)
        .build();
  }

  /** The reason kind of the records the prefilter skipped. */
  public static final String PREFILTERED = "prefiltered";

  private static Row skippedRow(ReadOutcome.Skipped s, Slice slice, long seq) {
    return located(READ.row(), s.format(), s.file(), slice.position(s.position()), seq)
        .set(Columns.STATUS, Status.NOT_CONTENT.label())
        .set(Columns.REASON, s.reason())
        .build();
  }

  /** Where a record came from: every row of the read stage has it. */
  private static RowBuilder located(RowBuilder row, String format, String file, String position, long seq) {
    return row.set(Columns.FORMAT, format).set(Columns.FILE, file).set(Columns.POSITION, position)
        .set(Columns.SEQ, seq);
  }
}
