package io.moatwatch.schema;

import java.util.Locale;

/**
 * What happened to one input record. Every record ends in exactly one status, which is how a run accounts for
 * everything it read: {@code read = analysed + skipped + rejected}.
 */
public enum Status {
  /** Waiting for NLP (never in the output: analysis turns it into OK, UNSCORED or FAILED). */
  PENDING(Outcome.ANALYSED, true),
  /** Analysed and scored. */
  OK(Outcome.ANALYSED, true),
  /** Deleted by its author or the platform: kept for thread structure, not scored. */
  DELETED(Outcome.SKIPPED, true),
  /** Removed by moderators: kept for thread structure, not scored. */
  REMOVED(Outcome.SKIPPED, true),
  /** Nothing left to score after cleaning (only code, quotes, logs or links). */
  EMPTY(Outcome.SKIPPED, true),
  /** Longer than the per-post character cap: marked, not parsed. */
  TOO_LONG(Outcome.SKIPPED, true),
  /** Written in another language than English (detected on the cleaned text): not scored by English models. */
  NOT_ENGLISH(Outcome.SKIPPED, true),
  /** Every sentence was over the sentence length cap, so nothing could be scored. */
  UNSCORED(Outcome.SKIPPED, true),
  /** CoreNLP took longer than the per-post time limit: marked and kept, not scored. */
  TIMED_OUT(Outcome.SKIPPED, true),
  /** Mentions no configured topic, directly or through its thread root: counted, not written. */
  OFF_TOPIC(Outcome.SKIPPED, false),
  /** Outside the requested day or window: counted, not written. */
  OUT_OF_WINDOW(Outcome.SKIPPED, false),
  /** A well-formed record that is not a post (moderator action, system message, boost): counted, not written. */
  NOT_CONTENT(Outcome.SKIPPED, false),
  /** Another record with the same post id was kept: counted, not written. */
  DUPLICATE(Outcome.SKIPPED, false),
  /** CoreNLP failed on this post: written to posts and to rejects with the error. */
  FAILED(Outcome.REJECTED, true),
  /** The record could not be read: written to rejects only. */
  REJECTED(Outcome.REJECTED, false);

  /** The three buckets every count reconciles into. */
  public enum Outcome { ANALYSED, SKIPPED, REJECTED }

  private final Outcome outcome;
  private final boolean writtenToPosts;

  Status(Outcome outcome, boolean writtenToPosts) {
    this.outcome = outcome;
    this.writtenToPosts = writtenToPosts;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** Whether posts with this status appear in the {@code posts} table. */
  public boolean writtenToPosts() {
    return writtenToPosts;
  }

  /** The lower-case name used in every output column. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Status fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
