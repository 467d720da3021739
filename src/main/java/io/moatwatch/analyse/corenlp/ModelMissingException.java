package io.moatwatch.analyse.corenlp;



/** A CoreNLP model the configured pipeline needs is not on the classpath; the message says which jar has it. */
public final class ModelMissingException extends RuntimeException {
  public ModelMissingException(String message) {
    super(message);
  }
}
