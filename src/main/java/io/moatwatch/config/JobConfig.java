package io.moatwatch.config;

import io.moatwatch.devtext.DevTextModel;
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
 * @param neutralLow    post scores at or below this are negative
 * @param neutralHigh   post scores at or above this are positive (between the two: neutral)
 * @param maxChars      cleaned posts longer than this are not parsed
 * @param maxPostSeconds CoreNLP time limit per post (0: none); posts over it are marked timed_out
 * @param inheritTopics whether replies inherit their thread root's topics
 * @param skipOffTopic  whether posts with no topic are skipped before NLP
 * @param englishOnly   whether posts detected as another language are skipped before NLP
 * @param cache         whether the annotation cache beside the output is read and extended
 * @param partitions    partitions for the NLP stage (0: twice Spark's default parallelism)
 * @param runId         identifies this run in the output and the manifest
 * @param devtext       when not null, post labels come from this developer-text model instead of the neutral band
 *                      on CoreNLP's score (QUALITY.md); {@code devtextOrigin} says where it was loaded from
 * @param devtextOrigin the model file, or null
 * @param authorHasher  when not null, author names are replaced by their keyed hash in every output
 */
public record JobConfig(
    List<String> inputs,
    String output,
    String format,
    Window window,
    TopicSet topics,
    NlpSettings nlp,
    double neutralLow,
    double neutralHigh,
    int maxChars,
    double maxPostSeconds,
    boolean inheritTopics,
    boolean skipOffTopic,
    boolean englishOnly,
    boolean cache,
    int partitions,
    String runId,
    DevTextModel devtext,
    String devtextOrigin,
    AuthorHasher authorHasher) {

  public JobConfig {
    inputs = List.copyOf(inputs);
  }
}
