package io.moatwatch.prefilter;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * When and how the read stage skips raw records before parsing them (README, "Month-scale dumps"). A line of a JSON-lines
 * file in a format whose records name their thread ({@link #FORMATS}) is parsed only if it holds the words of
 * some topic ({@link Needles#of}) or the id of a post or thread that does ({@link #withIds}, found by a first
 * pass, {@code read.ThreadSeeds}); every other line is counted, as {@code off_topic} with reason
 * {@code prefiltered}, and never parsed, cleaned or language-detected.
 *
 * @param mode     {@link Mode#AUTO} (files of at least {@code minBytes}), {@link Mode#ON} or {@link Mode#OFF}
 * @param minBytes the smallest file {@link Mode#AUTO} prefilters
 * @param topics   the topics' words
 * @param ids      the ids of on-topic posts and their threads (null before the first pass)
 */
public record Prefilter(Mode mode, long minBytes, Needles topics, Needles ids) implements Serializable {
  /**
   * Formats whose every record names its thread (a Reddit comment its submission, an Algolia hit its story), so
   * that the replies of an on-topic thread hold the thread's id. Formats that give only a parent (Hacker News
   * items, Discord, Mastodon), and documents, are read whole.
   */
  public static final Set<String> FORMATS = Set.of("reddit", "hn-algolia");
  /** {@link Mode#AUTO} prefilters files of 32 MiB or more: month-scale dumps, not hand-made exports. */
  public static final long AUTO_MIN_BYTES = 32L << 20;

  /** The {@code --prefilter} values. */
  public enum Mode {
    AUTO, ON, OFF;

    public static Mode parse(String s) {
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--prefilter must be auto, on or off, not '" + s + "'");
      }
    }
  }

  /** Whether a file of {@code bytes} is prefiltered (false whatever the size when the topics cannot be). */
  public boolean appliesTo(long bytes) {
    return topics.usable() && (mode == Mode.ON || mode == Mode.AUTO && bytes >= minBytes);
  }

  /** The same, with the ids of on-topic posts and threads from the first pass. */
  public Prefilter withIds(Set<String> onTopicIds) {
    return new Prefilter(mode, minBytes, topics, Needles.ofIds(onTopicIds));
  }

  /** What a line must pass to be parsed. */
  public Predicate<String> keep() {
    return line -> topics.mayMatch(line) || ids != null && ids.mayMatch(line);
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
