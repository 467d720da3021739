package io.moatwatch.analyse.entities;



/** A gazetteer file that cannot be used; the message names the file, the line and the reason. */
public final class GazetteerException extends Exception {
  public GazetteerException(String message) {
    super(message);
  }
}
