package io.moatwatch.analyse.corenlp;



/**
 * One {@link CoreNlpAnalyzer} per {@link NlpSettings} per JVM, built lazily on first use ({@link PerJvm});
 * never captured from the driver. On an executor this means one model load however many tasks and partitions
 * run there.
 */
public final class Analyzers {
  private static final PerJvm<NlpSettings, CoreNlpAnalyzer> CACHE =
      new PerJvm<>("CoreNLP pipeline", NlpSettings::signature, CoreNlpAnalyzer::new);

  private Analyzers() {}

  /** The shared analyzer for these settings, loading it if this JVM has none yet. */
  public static CoreNlpAnalyzer get(NlpSettings settings) {
    return CACHE.get(settings);
  }

  /**
   * Checks that this JVM's classpath holds every model the settings need, without loading them: the driver
   * calls this before any work so that a missing {@code --jars} fails in a second with the jar to add.
   */
  public static void checkModels(NlpSettings settings) {
    CoreNlpAnalyzer.checkModels(settings);
  }

  /** How many pipelines this JVM has loaded (for tests and the run log). */
  public static int loads() {
    return CACHE.loads();
  }

  /** How many different settings this JVM has asked for; equals {@link #loads()} unless a load failed. */
  public static int settingsSeen() {
    return CACHE.keysSeen();
  }
}
