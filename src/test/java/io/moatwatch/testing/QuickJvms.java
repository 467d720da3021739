package io.moatwatch.testing;

import java.util.List;

/**
 * JVM settings for the short-lived Spark JVMs the integration tests start (spark-submit drivers, executors, YARN's
 * application master, the standalone Master and Workers): the quick C1 compiler only. On the tests' tiny inputs a
 * JVM spends more time compiling hot code than running it; a spark-submit of the sample data took 40.3 s with the
 * default tiered compilation and 34.7 s with C1 alone (2026-12-06, the 2-core build machine, two alternating pairs,
 * BENCHMARKS.md "The test suite"). What the job computes is the same; real runs keep the JVM's defaults.
 */
public final class QuickJvms {
  private QuickJvms() {}

  /** The JVM flag. */
  public static final String FLAGS = "-XX:TieredStopAtLevel=1";

  /** {@code --conf} arguments for spark-submit: the driver's, the executors' and YARN's application master's JVMs. */
  public static List<String> sparkSubmitConfs() {
    return List.of("--conf", "spark.driver.extraJavaOptions=" + FLAGS, "--conf",
        "spark.executor.extraJavaOptions=" + FLAGS, "--conf", "spark.yarn.am.extraJavaOptions=" + FLAGS);
  }

  /** The same, as one line for the scripts' {@code MOATWATCH_SPARK_OPTS}. */
  public static String sparkOpts() {
    return String.join(" ", sparkSubmitConfs());
  }
}
