package io.moatwatch.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * Who gives {@code sentiment_label}, and CoreNLP's neutral band (which always gives {@code corenlp_label}).
 *
 * @param source         the label model or CoreNLP's score in the band
 * @param neutralLow     CoreNLP scores at or below this are negative
 * @param neutralHigh    CoreNLP scores at or above this are positive (between the two: neutral)
 * @param modelDirectory a label model directory instead of the shipped model, or null; only with the model
 * @param topicStance    which posts the model reads toward each of their topics ({@code topic_sentiment})
 * @param sentenceLabels which sentences the model reads on their own ({@code sentences[].label})
 */
public record Labels(Source source, double neutralLow, double neutralHigh, String modelDirectory,
    TopicStance topicStance, SentenceLabels sentenceLabels) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The stock band: [-0.15, 0.15]. */
  public static final double STOCK_BAND = 0.15;

  /** Who labels. */
  public enum Source {
    MODEL, CORENLP;

    /** As the manifest writes it: {@code model} or {@code corenlp}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Which posts the label model reads toward each of their topics, so a topic's {@code topic_sentiment} is the
   * author's attitude toward it rather than the post's tone (docs/TOPICS.md, "Stance"; QUALITY.md, "Which posts
   * should be read toward a stack?"). Sentences are read toward their topics when they name two or more, either way.
   */
  public enum TopicStance {
    /** Every post naming a topic itself (not one that only inherits its thread's): the default. */
    ALL,
    /** Only posts naming two or more of the run's topics; the others take the post's own label. */
    TOPICS;

    /** As the option and the manifest write it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Which sentences the label model reads on their own (its reading of the whole text gives the post's label either
   * way). A sentence's own label feeds the mention-level figures ({@code topic_daily.mention_*},
   * {@code topic_entities}) only where the sentence names a topic or an entity; the model's reading of any other
   * sentence is in no aggregate, and reading it costs about as much as reading the post (BENCHMARKS.md).
   */
  public enum SentenceLabels {
    /** Only sentences naming a topic or an entity; the others keep CoreNLP's figures alone: the default. */
    NAMED,
    /** Every sentence (the behaviour before 2026-12-07). */
    ALL;

    /** As the option and the manifest write it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The shipped label model, CoreNLP's stock band beside it. */
  public static final Labels DEFAULT = new Labels(Source.MODEL, -STOCK_BAND, STOCK_BAND, null);

  /** With the default topic stance ({@link TopicStance#ALL}) and sentence labels ({@link SentenceLabels#NAMED}). */
  public Labels(Source source, double neutralLow, double neutralHigh, String modelDirectory) {
    this(source, neutralLow, neutralHigh, modelDirectory, TopicStance.ALL, SentenceLabels.NAMED);
  }

  public Labels {
    InvalidSetting.require(source != null, "source", "must be model or corenlp");
    InvalidSetting.require(neutralLow <= 0 && 0 <= neutralHigh && neutralLow > -1 && neutralHigh < 1, "neutralBand",
        "[" + neutralLow + ", " + neutralHigh + "] must have -1 < low <= 0 <= high < 1");
    InvalidSetting.require(source == Source.MODEL || modelDirectory == null, "modelDirectory",
        "a label model is given, but labels come from CoreNLP");
    InvalidSetting.require(topicStance != null, "topicStance", "must be all or topics");
    InvalidSetting.require(sentenceLabels != null, "sentenceLabels", "must be named or all");
  }

  public boolean usesModel() {
    return source == Source.MODEL;
  }
}
