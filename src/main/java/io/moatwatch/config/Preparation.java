package io.moatwatch.config;

import java.io.Serializable;

/**
 * What happens to each record between reading and NLP: the window, topics, caps, which posts are skipped,
 * privacy. Files are named here and loaded by the job ({@code job.Setup}).
 *
 * @param window        the UTC days processed; posts outside are {@code out_of_window}
 * @param topicsFile    the topics file, or {@code builtin:...} for a built-in one
 * @param maxChars      cleaned posts longer than this are not analysed ({@code too_long})
 * @param offTopic      whether posts with no topic are skipped before NLP or analysed
 * @param languages     whether posts detected as another language are skipped before NLP
 * @param inheritance   whether replies take their thread root's topics
 * @param authorKeyFile the key for hashing author names, or null to keep them
 */
public record Preparation(Window window, String topicsFile, int maxChars, OffTopic offTopic, Languages languages,
    Inheritance inheritance, String authorKeyFile) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Posts that name no topic, directly or through their thread. */
  public enum OffTopic {
    /** Skipped before NLP and counted ({@code off_topic}). */
    SKIP,
    /** Analysed like the rest. */
    ANALYSE
  }

  /** Which languages reach the English models. */
  public enum Languages {
    /** Posts confidently in another language are {@code not_english}. */
    ENGLISH_ONLY,
    /** Every post, whatever its language (the language column is filled either way). */
    ALL
  }

  /** Where a reply's topics may come from besides its own words. */
  public enum Inheritance {
    /** From its thread's root (and the thread title the export gives). */
    FROM_THREAD,
    /** Only from its own text. */
    NONE
  }

  public Preparation {
    InvalidSetting.require(window != null, "window", "must be given (Window.ALL for every day)");
    InvalidSetting.require(topicsFile != null && !topicsFile.isBlank(), "topicsFile", "needs a file");
    InvalidSetting.require(maxChars >= 1, "maxChars", "must be at least 1, got " + maxChars);
    InvalidSetting.require(offTopic != null && languages != null && inheritance != null, "offTopic",
        "off-topic, language and inheritance choices must all be given");
  }

  /** The built-in topics (tinygrad, ROCm, CUDA). */
  public static final String BUILTIN_TOPICS = "builtin:default";
  /** The default cap on a cleaned post's length. */
  public static final int DEFAULT_MAX_CHARS = 100_000;

  /**
   * The defaults over {@code window}: the built-in topics, the default cap, off-topic posts and other languages
   * skipped, topics inherited from the thread, author names kept.
   */
  public static Preparation defaults(Window window) {
    return new Preparation(window, BUILTIN_TOPICS, DEFAULT_MAX_CHARS, OffTopic.SKIP, Languages.ENGLISH_ONLY,
        Inheritance.FROM_THREAD, null);
  }

  public Preparation withMaxChars(int chars) {
    return new Preparation(window, topicsFile, chars, offTopic, languages, inheritance, authorKeyFile);
  }

  public Preparation with(Languages choice) {
    return new Preparation(window, topicsFile, maxChars, offTopic, choice, inheritance, authorKeyFile);
  }

  public Preparation with(OffTopic choice) {
    return new Preparation(window, topicsFile, maxChars, choice, languages, inheritance, authorKeyFile);
  }

  public Preparation with(Inheritance choice) {
    return new Preparation(window, topicsFile, maxChars, offTopic, languages, choice, authorKeyFile);
  }

  public boolean skipsOffTopic() {
    return offTopic == OffTopic.SKIP;
  }

  public boolean englishOnly() {
    return languages == Languages.ENGLISH_ONLY;
  }

  public boolean inheritsTopics() {
    return inheritance == Inheritance.FROM_THREAD;
  }
}
