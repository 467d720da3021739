package io.moatwatch.config;

/**
 * Everything a run needs, resolved once from the command line and validated before any work, grouped by the
 * stage that uses it; each group checks its own values when it is made. Immutable. Driver-side: the parts
 * executors need (the topics, the window, the NLP settings, the labelling and model spec) are serializable on
 * their own and are what the Spark stages capture.
 *
 * @param io      inputs, output, format, window
 * @param prepare topics, caps and skips before NLP, privacy
 * @param nlp     the CoreNLP pipeline and how the NLP stage runs
 * @param labels  who gives the labels
 * @param runId   identifies this run in the output and the manifest (letters, digits, '.', '_', '-')
 */
public record JobConfig(InputOutput io, Preparation prepare, NlpStage nlp, Labels labels, String runId) {

  public JobConfig {
    if (runId == null || !runId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("--run-id may hold only letters, digits, '.', '_' and '-', got '" + runId + "'");
    }
  }

  /**
   * The pipeline signature of this run's analyses: CoreNLP's settings and, when the label model runs, the model
   * ({@code .../labels=sentiment-minilm@1a2b3c4d5e6f}). It is the {@code pipeline} column and part of the
   * annotation cache key, so a changed model never reuses analyses made with another.
   */
  public String pipeline() {
    String corenlp = nlp.settings().signature();
    return labels.model() == null ? corenlp : corenlp + "/" + labels.model().signature();
  }
}
