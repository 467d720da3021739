package io.moatwatch.analyse.label;

import java.io.Serializable;

/**
 * How posts and sentences get their {@code sentiment_label}: from the label model ({@link Source#MODEL}, the
 * default) or from CoreNLP's score and a neutral band ({@link Source#CORENLP}, {@code --labels corenlp}). The
 * band always decides {@code corenlp_label}. Small and serializable: it travels to executors with the task.
 *
 * @param source      which labeller gives {@code sentiment_label} and {@code sentiment_score}
 * @param neutralLow  CoreNLP scores at or below this are negative
 * @param neutralHigh CoreNLP scores at or above this are positive (between the two: neutral)
 */
public record Labelling(Source source, double neutralLow, double neutralHigh) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Who labels. */
  public enum Source {
    MODEL, CORENLP;

    public static Source parse(String s) {
      return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "model" -> MODEL;
        case "corenlp" -> CORENLP;
        default -> throw new IllegalArgumentException("unknown labeller '" + s + "' (expected model or corenlp)");
      };
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The stock band: [-0.15, 0.15]. */
  public static final double STOCK_BAND = 0.15;

  /** The label model, CoreNLP's stock band beside it. */
  public static final Labelling DEFAULT = new Labelling(Source.MODEL, -STOCK_BAND, STOCK_BAND);

  public Labelling {
    if (!(neutralLow <= 0 && 0 <= neutralHigh && neutralLow > -1 && neutralHigh < 1)) {
      throw new IllegalArgumentException("neutral band [" + neutralLow + ", " + neutralHigh
          + "] must have -1 < low <= 0 <= high < 1");
    }
  }

  public boolean usesModel() {
    return source == Source.MODEL;
  }
}
