package io.moatwatch.config;

import io.moatwatch.label.LabelModelSpec;
import io.moatwatch.label.Labelling;
import io.moatwatch.nlp.NlpSettings;
import io.moatwatch.prepare.AuthorHasher;
import io.moatwatch.topics.TopicSet;
import java.util.List;

/**
 * Everything a run needs, resolved once from the command line and validated before any work. Immutable.
 * Driver-side: the parts executors need ({@link TopicSet}, {@link Window}, {@link NlpSettings}) are
 * serializable on their own and are what the Spark stages capture.
 *
 * @param inputs        files, directories or globs (local paths or any Hadoop file system URI)
 * @param output        the results directory
 * @param format        {@code auto} or a format name
 * @param window        the days to process
 * @param topics        the topic definitions
 * @param nlp           the CoreNLP pipeline settings
 * @param labelling     who gives {@code sentiment_label} (the label model or CoreNLP) and CoreNLP's neutral band
 * @param maxChars      cleaned posts longer than this are not parsed
 * @param maxPostSeconds CoreNLP time limit per post (0: none); posts over it are marked timed_out
 * @param inheritTopics whether replies inherit their thread root's topics
 * @param skipOffTopic  whether posts with no topic are skipped before NLP
 * @param englishOnly   whether posts detected as another language are skipped before NLP
 * @param cache         whether the annotation cache beside the output is read and extended
 * @param partitions    partitions for the NLP stage (0: twice Spark's default parallelism)
 * @param runId         identifies this run in the output and the manifest
 * @param labelModel    the label model (the shipped one or {@code --sentiment-model DIR}); null when
 *                      {@code --labels corenlp}, which runs no model
 * @param authorHasher  when not null, author names are replaced by their keyed hash in every output
 */
public record JobConfig(
    List<String> inputs,
    String output,
    String format,
    Window window,
    TopicSet topics,
    NlpSettings nlp,
    Labelling labelling,
    int maxChars,
    double maxPostSeconds,
    boolean inheritTopics,
    boolean skipOffTopic,
    boolean englishOnly,
    boolean cache,
    int partitions,
    String runId,
    LabelModelSpec labelModel,
    AuthorHasher authorHasher) {

  public JobConfig {
    inputs = List.copyOf(inputs);
    if (labelling.usesModel() != (labelModel != null)) {
      throw new IllegalArgumentException("a label model is needed exactly when labels come from the model");
    }
  }

  /**
   * The pipeline signature of this run's analyses: CoreNLP's settings and, when the label model runs, the model
   * ({@code .../labels=sentiment-minilm@1a2b3c4d5e6f}). It is the {@code pipeline} column and part of the
   * annotation cache key, so a changed model never reuses analyses made with another.
   */
  public String pipeline() {
    return labelModel == null ? nlp.signature() : nlp.signature() + "/" + labelModel.signature();
  }
}
