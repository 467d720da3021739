package io.moatwatch.analyse.label;



/** A label model that cannot be used: missing or damaged files, or a model.json this version cannot read. */
public final class LabelModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LabelModelException(String message) {
    super(message);
  }

  public LabelModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
