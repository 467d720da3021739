package io.moatwatch.config;

/**
 * Everything a run is told, resolved once from the command line and validated before any work, one settings
 * record per stage; each record checks its own values when it is made ({@link InvalidSetting}). Immutable, and a
 * leaf: it names files (topics, gazetteers, a model, a key) but loads none; the job's {@code Setup} does, once, on
 * the driver.
 *
 * @param read    inputs, format, prefilter, parts
 * @param prepare window, topics, caps and skips before NLP, privacy
 * @param nlp     the CoreNLP pipeline and how the NLP stage runs
 * @param labels  who gives the labels
 * @param output  where and how results are written
 * @param runId   identifies this run in the output and the manifest (letters, digits, '.', '_', '-')
 */
public record JobConfig(Reading read, Preparation prepare, NlpStage nlp, Labels labels, Output output, String runId) {
  public JobConfig {
    InvalidSetting.require(runId != null && runId.matches("[A-Za-z0-9._-]+"), "runId",
        "may hold only letters, digits, '.', '_' and '-', got '" + runId + "'");
  }

  /**
   * Whether the run may prefilter: not when the prefilter is off, nor when off-topic posts are analysed (then
   * no record may be skipped).
   */
  public boolean mayPrefilter() {
    return read.prefilter() != Reading.Prefiltering.OFF && prepare.skipsOffTopic();
  }
}
