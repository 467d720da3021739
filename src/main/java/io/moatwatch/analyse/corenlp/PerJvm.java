package io.moatwatch.analyse.corenlp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One heavy object per key per JVM (a CoreNLP pipeline, a label model), built lazily on first use by whichever
 * thread gets there first while the others asking for the same key wait; other keys are not held up. Never
 * captured from the driver: on an executor this means one load however many tasks run there.
 *
 * @param <K> the settings that decide what is built (small, immutable, with equals)
 * @param <V> what is built
 */
public final class PerJvm<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(PerJvm.class);

  private final String what;
  private final Function<K, String> describe;
  private final Function<K, V> load;
  private final ConcurrentMap<K, Holder> cache = new ConcurrentHashMap<>();
  private final AtomicInteger loads = new AtomicInteger();

  /** {@code what} and {@code describe} name the object in the log ("CoreNLP pipeline", its signature). */
  public PerJvm(String what, Function<K, String> describe, Function<K, V> load) {
    this.what = what;
    this.describe = describe;
    this.load = load;
  }

  /** The shared object for {@code key}, building it if this JVM has none yet. */
  public V get(K key) {
    return cache.computeIfAbsent(key, Holder::new).get();
  }

  /** How many objects this JVM has built (for tests and the run log). */
  public int loads() {
    return loads.get();
  }

  /** How many different keys this JVM has asked for; equals {@link #loads()} unless a load failed. */
  public int keysSeen() {
    return cache.size();
  }

  private final class Holder {
    private final K key;
    private volatile V value;

    Holder(K key) {
      this.key = key;
    }

    V get() {
      V v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            long start = System.nanoTime();
            LOG.info("Loading {} {} in JVM {} (once per JVM)", what, describe.apply(key), ProcessHandle.current().pid());
            v = load.apply(key);
            loads.incrementAndGet();
            LOG.info("{} {} loaded in {} s", what, describe.apply(key),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
            value = v;
          }
        }
      }
      return v;
    }
  }
}
