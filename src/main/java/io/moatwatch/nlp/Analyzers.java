package io.moatwatch.nlp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link CoreNlpAnalyzer} per {@link NlpSettings} per JVM, built lazily on first use by whichever thread
 * gets there first while the others wait; never captured from the driver. On an executor this means one
 * model load however many tasks and partitions run there.
 */
public final class Analyzers {
  private static final Logger LOG = LoggerFactory.getLogger(Analyzers.class);
  private static final ConcurrentMap<NlpSettings, Holder> CACHE = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();

  private Analyzers() {}

  /** The shared analyzer for these settings, loading it if this JVM has none yet. */
  public static CoreNlpAnalyzer get(NlpSettings settings) {
    return CACHE.computeIfAbsent(settings, Holder::new).get();
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
    return LOADS.get();
  }

  /** How many different settings this JVM has asked for; equals {@link #loads()} unless a load failed. */
  public static int settingsSeen() {
    return CACHE.size();
  }

  private static final class Holder {
    private final NlpSettings settings;
    private volatile CoreNlpAnalyzer analyzer;

    Holder(NlpSettings settings) {
      this.settings = settings;
    }

    CoreNlpAnalyzer get() {
      CoreNlpAnalyzer a = analyzer;
      if (a == null) {
        synchronized (this) {
          a = analyzer;
          if (a == null) {
            long start = System.nanoTime();
            LOG.info("Loading CoreNLP pipeline {} in JVM {} (once per JVM)", settings.signature(),
                ProcessHandle.current().pid());
            a = new CoreNlpAnalyzer(settings);
            LOADS.incrementAndGet();
            LOG.info("CoreNLP pipeline {} loaded in {} s", settings.signature(),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
            analyzer = a;
          }
        }
      }
      return a;
    }
  }
}
