package io.moatwatch.testing;

/**
 * What an integration test class costs, as its {@code @Order} value: {@link CheapestFirst} runs the classes in this
 * order (junit-platform.properties), so a broken change fails in the first minutes. Within one cost, classes run in
 * name order.
 */
public final class Cost {
  private Cost() {}

  /** Nothing heavy: scripts and files checked without Spark or models. */
  public static final int QUICK = 50;
  /** The real models in this JVM (CoreNLP, the label model), no Spark. */
  public static final int MODELS = 100;
  /** A Spark session in this JVM on small DataFrames or a few small job runs. */
  public static final int SPARK = 200;
  /** Whole-job runs in this JVM (the shared sample run is made by the first of them). */
  public static final int JOB = 300;
  /** Other programs: python notebooks, a browser, scripts that spark-submit the job (a JVM each). */
  public static final int PROCESSES = 400;
  /** A cluster of JVMs: the two-worker standalone cluster, YARN and HDFS. */
  public static final int CLUSTER = 500;
}
