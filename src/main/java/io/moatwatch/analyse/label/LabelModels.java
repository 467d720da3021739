package io.moatwatch.analyse.label;

import io.moatwatch.analyse.corenlp.PerJvm;
import java.nio.file.Path;

/**
 * One {@link LabelModel} per {@link LabelModelSpec} per JVM, loaded lazily on first use ({@link PerJvm}), like
 * the CoreNLP pipeline; never built on the driver for the executors.
 */
public final class LabelModels {
  private record Key(LabelModelSpec spec, Path here) {}

  private static final PerJvm<Key, LabelModel> CACHE = new PerJvm<>("label model",
      k -> k.spec().signature(), k -> new LabelModel(k.spec(), k.here()));

  private LabelModels() {}

  /** The shared model, loaded from where the spec says. */
  public static LabelModel get(LabelModelSpec spec) {
    return get(spec, null);
  }

  /**
   * The shared model, its directory read from {@code here} in this JVM (an executor's copy of a user's model
   * directory shipped with the job), or from where the spec says when null.
   */
  public static LabelModel get(LabelModelSpec spec, Path here) {
    return CACHE.get(new Key(spec, here));
  }

  /** How many label models this JVM has loaded. */
  public static int loads() {
    return CACHE.loads();
  }
}
