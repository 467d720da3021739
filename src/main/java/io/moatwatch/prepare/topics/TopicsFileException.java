package io.moatwatch.prepare.topics;



/** A topics file that cannot be used; the message names the file, the line and the reason. */
public final class TopicsFileException extends Exception {
  public TopicsFileException(String message) {
    super(message);
  }
}
