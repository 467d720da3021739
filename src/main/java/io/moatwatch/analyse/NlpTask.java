package io.moatwatch.analyse;

import io.moatwatch.analyse.corenlp.NlpSettings;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.analyse.label.StanceTargets;
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
 * @param topics         the run's topics (each sentence's topics)
 * @param targets        the stance target of each topic ({@link StanceTargets#NONE} when no model reads stance)
 * @param maxPostSeconds CoreNLP's time limit per post (0: none)
 * @param pipeline       the pipeline signature written with every analysed post
 */
public record NlpTask(NlpSettings corenlp, Labels labels, LabelModelSpec model, TopicSet topics,
    StanceTargets targets, double maxPostSeconds, String pipeline) implements Serializable {
  private static final long serialVersionUID = 1L;

  public NlpTask {
    if (labels.usesModel() != (model != null)) {
      throw new IllegalArgumentException("labels from the model need a model, CoreNLP labels none");
    }
  }

  /** The task for a run: the stance targets come from the model's trained targets, when it reads stance. */
  public static NlpTask of(NlpSettings corenlp, Labels labels, LabelModelSpec model, TopicSet topics,
      double maxPostSeconds, String pipeline) {
    StanceTargets targets = model != null && labels.usesModel() && model.readsStance()
        ? StanceTargets.of(topics, model.stance().targets(), labels.topicStance()) : StanceTargets.NONE;
    return new NlpTask(corenlp, labels, model, topics, targets, maxPostSeconds, pipeline);
  }
}
