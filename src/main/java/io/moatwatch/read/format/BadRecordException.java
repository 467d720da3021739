package io.moatwatch.read.format;



/** Thrown by a reader for one record it cannot convert; the message is the reject reason. */
public final class BadRecordException extends Exception {
  public BadRecordException(String reason) {
    super(reason, null, false, false);
  }
}
