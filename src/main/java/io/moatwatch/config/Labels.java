package io.moatwatch.config;

import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.analyse.label.Labelling;

/**
 * Who gives {@code sentiment_label}.
 *
 * @param labelling the labeller (the label model or CoreNLP) and CoreNLP's neutral band
 * @param model     the label model (the shipped one or {@code --sentiment-model DIR}); null when
 *                  {@code --labels corenlp}, which runs no model
 */
public record Labels(Labelling labelling, LabelModelSpec model) {
  public Labels {
    if (labelling.usesModel() && model == null) {
      throw new IllegalArgumentException("labels from the model need a model");
    }
    if (!labelling.usesModel() && model != null) {
      throw new IllegalArgumentException("a label model is given, but labels come from CoreNLP");
    }
  }
}
