package io.moatwatch.read.format;

import io.moatwatch.schema.Post;



/**
 * An input record that could not be turned into a {@link Post}: where it was, why, and the start of it.
 *
 * @param file     the input file
 * @param position where in the file, e.g. {@code line 12} or {@code line 3, item 5}
 * @param reason   one line saying what is wrong, e.g. {@code malformed JSON: Unexpected end-of-input}
 * @param excerpt  the first {@link #MAX_EXCERPT} characters of the raw record (may be empty, never null)
 */
public record Reject(String file, String position, String reason, String excerpt) {

  /** How much of a rejected record is kept: enough to recognise it, not enough to bloat the table. */
  public static final int MAX_EXCERPT = 2048;

  public Reject {
    excerpt = excerpt == null ? "" : excerpt.length() > MAX_EXCERPT ? excerpt.substring(0, MAX_EXCERPT) : excerpt;
  }
}
