package io.moatwatch.read.prefilter;

import io.moatwatch.config.Reading.Prefiltering;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * When and how the read stage skips raw records before parsing them (README, "Month-scale dumps"). A line of a JSON-lines
 * file in a format whose records name their thread ({@link #FORMATS}) is parsed only if it holds the words of
 * some topic ({@link Needles#of}) or, in one of its id fields ({@link IdFields}), the id of a post or thread that does
 * ({@link IdSet}, {@link #withSeeds}, found by a first pass, {@code read.ThreadSeeds}); every other line is counted, as {@code off_topic} with reason
 * {@code prefiltered}, and never parsed, cleaned or language-detected. Both tests read the line's raw bytes
 * ({@link LineTest}). The first pass also notes which lines passed the words and hold a record that may be on
 * topic of its own ({@code topicLines}), so the second looks only for ids in the others.
 *
 * <p>Which files are prefiltered is decided once, on the driver ({@link #wanted}), so that a run with none
 * spends nothing on it.
 *
 * @param topics the topics' words
 * @param files  the input files prefiltered (as the read stage names them)
 * @param ids    the ids of on-topic posts and their threads (null before the first pass)
 * @param topicLines per file (or part of a file: {@code read.Slice#key()}) the first pass read whole, the sorted
 *               numbers of the lines that passed the topics' words, less those whose record turned out to name
 *               no topic (a file missing here is tested for the words again)
 */
public record Prefilter(Needles topics, Set<String> files, IdSet ids, Map<String, long[]> topicLines)
    implements Serializable {

  public Prefilter {
    files = Set.copyOf(files);
    topicLines = Map.copyOf(topicLines);
  }

  /** Before the first pass. */
  public Prefilter(Needles topics, Set<String> files) {
    this(topics, files, null, Map.of());
  }
  /**
   * Formats whose every record names its thread (a Reddit comment its submission, an Algolia hit its story), so
   * that the replies of an on-topic thread hold the thread's id. Formats that give only a parent (Hacker News
   * items, Discord, Mastodon), and documents, are read whole.
   */
  public static final Set<String> FORMATS = Set.of("reddit", "hn-algolia");
  /** {@link Prefiltering#AUTO} prefilters files of 32 MiB or more: month-scale dumps, not hand-made exports. */
  public static final long AUTO_MIN_BYTES = 32L << 20;

  /** Whether {@code mode} prefilters a file of {@code bytes}. */
  public static boolean wanted(Prefiltering mode, long bytes) {
    return mode == Prefiltering.ON || mode == Prefiltering.AUTO && bytes >= AUTO_MIN_BYTES;
  }

  /** Whether {@code file} is prefiltered. */
  public boolean appliesTo(String file) {
    return files.contains(file);
  }

  /**
   * The same, with what the first pass found: the ids of on-topic posts and threads, and per file the lines
   * that passed the topics' words.
   */
  public Prefilter withSeeds(Set<String> onTopicIds, Map<String, long[]> linesByFile) {
    return new Prefilter(topics, files, new IdSet(onTopicIds), linesByFile);
  }

  /** What a line of {@code slice} (a file, or a part of one: {@code read.Slice#key()}) must pass to be parsed. */
  public LineTest keep(String slice) {
    if (ids == null) {
      return (b, from, to, line) -> topics.mayMatch(b, from, to);
    }
    long[] lines = topicLines.get(slice);
    if (lines == null) {
      return (b, from, to, line) -> topics.mayMatch(b, from, to) || IdFields.hold(ids, b, from, to);
    }
    return (b, from, to, line) -> Arrays.binarySearch(lines, line) >= 0 || IdFields.hold(ids, b, from, to);
  }

  /**
   * A post or thread id as the raw records of its thread spell it: the id without the job's source prefix and
   * without Reddit's kind ({@code reddit:t1_abc} to {@code abc}, {@code hn:8863} to {@code 8863}).
   */
  public static String rawId(String id) {
    String s = id.substring(id.indexOf(':') + 1);
    return s.matches("t\\d_.+") ? s.substring(3) : s;
  }
}
