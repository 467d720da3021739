package io.moatwatch.read.format;



/**
 * Thrown by a reader for a well-formed record that is not a post to score: a moderator action, a system
 * message, a boost. The record is counted as skipped ({@code not_content}) with this message as the reason.
 */
public final class NotContentException extends Exception {
  public NotContentException(String reason) {
    super(reason, null, false, false);
  }
}
