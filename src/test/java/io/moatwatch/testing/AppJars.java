package io.moatwatch.testing;

import java.nio.file.Path;

/** Test helper: the jars `mvn package` builds, as the ITs that spark-submit them name them. */
public final class AppJars {
  private AppJars() {}

  /** The application jar (the failsafe run passes its path as {@code moatwatch.appJar}). */
  public static final Path APP = Path.of(System.getProperty("moatwatch.appJar",
      "target/moatwatch-0.1.0-SNAPSHOT.jar")).toAbsolutePath();

  /** The trimmed models jar beside it, passed with {@code --jars}. */
  public static final Path MODELS = APP.resolveSibling(APP.getFileName().toString().replace(".jar", "-models.jar"));
}
