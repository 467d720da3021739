package io.moatwatch.testing;

import io.moatwatch.cli.Main;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real local Spark session ({@code local[2]}, no UI) for an integration test class, and the job run in the
 * same JVM the way {@code spark-submit} runs it. Register it once per class:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
 * ... SPARK.runJob("--input", "data", "--output", out.toString()); SPARK.session().read().parquet(...)
 * }</pre>
 *
 * The job stops the session it ran in when it ends (as it does under spark-submit), so {@link #session()}
 * starts a new one whenever the previous one was stopped. After the class, the session is stopped and the
 * system properties the job reads ({@code spark.master}, {@code spark.ui.enabled}) are cleared.
 */
public final class LocalSpark implements BeforeAllCallback, AfterAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    SparkSession.getDefaultSession().foreach(s -> {
      s.stop();
      return null;
    });
    System.clearProperty("spark.master");
    System.clearProperty("spark.ui.enabled");
  }

  /** A live session: the current one, or a new one if the job (or nothing yet) has stopped it. */
  public SparkSession session() {
    return SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
  }

  /** Runs the job with these arguments in this JVM; returns its exit code (0 success, 1 failed, 2 bad config). */
  public int runJob(String... args) {
    return Main.execute(args);
  }
}
