package io.moatwatch.read;

import io.moatwatch.prepare.PostPreparer;
import io.moatwatch.read.format.ExportReader;
import io.moatwatch.read.format.ReadOutcome;
import io.moatwatch.read.prefilter.LineTest;
import io.moatwatch.read.prefilter.Prefilter;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prefilter's first pass, on executors: for one input file (or part of one, a {@link Slice}), the raw ids ({@link Prefilter#rawId}) of
 * every post that has topics of its own and of its thread, reading only the lines the topics' words pass,
 * and the numbers of those lines, less the false alarms: lines whose one record, in the window, names no topic
 * after all (its words were inside other words, in an excluded phrase, in a field no topic rule reads) and
 * carries no thread title with one ({@link PostPreparer#topicsOnlyFromOthers}). Such a record can only inherit a
 * topic, as one without topic words can, so the second pass treats its line as one: it keeps it only if the id
 * test passes, else counts it as prefiltered. The second pass (the read stage) then parses the lines left and
 * the lines whose id fields ({@link io.moatwatch.read.prefilter.IdFields}) hold one of the ids: the replies of an on-topic thread, which name no topic but
 * inherit one, and copies of on-topic posts. It is given only the files the prefilter applies to; one whose
 * format turns out not to be prefiltered gives nothing.
 */
public final class ThreadSeeds implements Function<Slice, ThreadSeeds.Seeds> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ThreadSeeds.class);

  /**
   * What the first pass found in one slice ({@link Slice#key()}).
   *
   * @param lines the sorted numbers of the lines that passed the topics' words, less the false alarms; or null
   *              when the pass did not read the whole file (the second pass then tests the words again)
   */
  public record Seeds(String slice, List<String> ids, long[] lines) implements Serializable {}

  private final String format;
  private final PostPreparer preparer;
  private final Prefilter prefilter;
  private final Broadcast<SerializableConfiguration> hadoopConf;

  public ThreadSeeds(String format, PostPreparer preparer, Prefilter prefilter,
      Broadcast<SerializableConfiguration> hadoopConf) {
    this.format = format;
    this.preparer = preparer;
    this.prefilter = prefilter;
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Seeds call(Slice slice) throws IOException {
    return seeds(slice, hadoopConf.value().value());
  }

  /** {@link #call} with the Hadoop configuration at hand (tests give their own). */
  Seeds seeds(Slice slice, Configuration conf) throws IOException {
    List<String> ids = new ArrayList<>();
    LineNumbers passed = new LineNumbers();
    LineNumbers falseAlarms = new LineNumbers();
    LineTest words = prefilter.keep(slice.key());
    long parsed = 0;
    try (var outcomes = slice.read(new ExportReader(format).forPrefilter(), conf)) {
      outcomes.prefilter((b, from, to, line) -> passed.addIf(words.keep(b, from, to, line), line),
          Prefilter.FORMATS);
      while (outcomes.hasNext()) {
        ReadOutcome o = outcomes.next();
        if (!Prefilter.FORMATS.contains(outcomes.format()) && !"unknown".equals(outcomes.format())) {
          return new Seeds(slice.key(), List.of(), null); // a format the prefilter never applies to
        }
        if (o instanceof ReadOutcome.Parsed p) {
          parsed++;
          if (!preparer.directTopics(p.post()).isEmpty()) {
            ids.add(Prefilter.rawId(p.post().postId()));
            if (p.post().threadId() != null) {
              ids.add(Prefilter.rawId(p.post().threadId()));
            }
          } else if (preparer.topicsOnlyFromOthers(p.post())) {
            long line = lineOf(p.position());
            if (line > 0) {
              falseAlarms.add(line);
            }
          }
        }
      }
      long[] withWords = passed.sorted();
      long[] lines = without(withWords, falseAlarms.sorted());
      LOG.info("Prefilter, first pass over {}: {} lines skipped, {} parsed ({} of them with topic words but no"
          + " topic, left to the id test), {} ids of on-topic posts and threads", slice.key(),
          outcomes.prefiltered(), parsed, withWords.length - lines.length, ids.size());
      return new Seeds(slice.key(), ids, lines);
    } catch (RuntimeException e) {
      // the second pass reads the file again and reports what is wrong with it; here it only gives no ids
      LOG.warn("Prefilter, first pass over {} stopped: {}", slice.key(), e.toString());
      return new Seeds(slice.key(), ids, null);
    }
  }

  /**
   * The line number of a record that is alone on its line ({@code line 12}), or -1 (one of a JSON array's items,
   * {@code line 12, item 3}, shares its line with others).
   */
  static long lineOf(String position) {
    if (position == null || !position.startsWith(LINE)) {
      return -1;
    }
    for (int i = LINE.length(); i < position.length(); i++) {
      if (position.charAt(i) < '0' || position.charAt(i) > '9') {
        return -1;
      }
    }
    return position.length() == LINE.length() ? -1 : Long.parseLong(position.substring(LINE.length()));
  }

  private static final String LINE = "line ";

  /** The sorted {@code lines} less the sorted {@code dropped}. */
  static long[] without(long[] lines, long[] dropped) {
    return Arrays.stream(lines).filter(l -> Arrays.binarySearch(dropped, l) < 0).toArray();
  }

  /**
   * A growing list of line numbers; the stream tests lines on several threads at once. Only a line that passed
   * takes the lock: one per line of the file cost the first pass about a second at ten million comments.
   */
  private static final class LineNumbers {
    private long[] lines = new long[1024];
    private int size;

    boolean addIf(boolean passed, long line) {
      if (passed) {
        add(line);
      }
      return passed;
    }

    private synchronized void add(long line) {
      if (size == lines.length) {
        lines = Arrays.copyOf(lines, size * 2);
      }
      lines[size++] = line;
    }

    synchronized long[] sorted() {
      long[] out = Arrays.copyOf(lines, size);
      Arrays.sort(out);
      return Arrays.stream(out).distinct().toArray();
    }
  }
}
