package io.moatwatch.analyse;

import io.moatwatch.analyse.corenlp.NlpSettings;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.config.Labels;
import io.moatwatch.prepare.topics.TopicSet;
import java.io.Serializable;

/**
 * What every task of the NLP stage needs, made once on the driver and shipped with the task: small and
 * serializable (the models themselves are loaded on the executors, once per JVM).
 *
 * @param corenlp        the CoreNLP pipeline's settings
 * @param labels         who gives {@code sentiment_label}, and CoreNLP's neutral band
 * @param model          the label model to run, or null with CoreNLP labels
 * @param topics         the run's topics (sentence topics, and the stance targets of a post's topics)
 * @param maxPostSeconds CoreNLP's time limit per post (0: none)
 * @param pipeline       the pipeline signature written with every analysed post
 */
public record NlpTask(NlpSettings corenlp, Labels labels, LabelModelSpec model, TopicSet topics,
    double maxPostSeconds, String pipeline) implements Serializable {
  private static final long serialVersionUID = 1L;

  public NlpTask {
    if (labels.usesModel() != (model != null)) {
      throw new IllegalArgumentException("labels from the model need a model, CoreNLP labels none");
    }
  }
}
