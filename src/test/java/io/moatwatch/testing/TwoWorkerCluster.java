package io.moatwatch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Spark standalone cluster for the whole test JVM: a Master and two Workers of one core and
 * {@link #WORKER_MEMORY} each ({@link StandaloneCluster}), started by the first class that registers it and stopped
 * after the last class has run. Every application a test submits leaves its executors' logs under the workers'
 * directories in target/standalone-cluster, which CI keeps; tests tell their own executors apart by the logs that
 * appeared since they submitted.
 *
 * <pre>{@code
 * @RegisterExtension static final TwoWorkerCluster CLUSTER = new TwoWorkerCluster();
 * ... Processes.command(CLUSTER.submitCommand(1, List.of("--input", ..., "--output", ..., "--run-id", ...))) ...
 * }</pre>
 */
public final class TwoWorkerCluster implements BeforeAllCallback {
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
  /** Each worker's memory: one executor of {@link #EXECUTOR_MEMORY} and headroom. */
  public static final String WORKER_MEMORY = "4g";
  /** What an application's executor asks for: enough for CoreNLP, the label model and a partition of posts. */
  public static final String EXECUTOR_MEMORY = "3g";

  private StandaloneCluster cluster;

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
        TwoWorkerCluster.class.getName(), key -> start(), StandaloneCluster.class);
  }

  /** The running cluster. */
  public StandaloneCluster get() {
    if (cluster == null) {
      throw new IllegalStateException("register the cluster with @RegisterExtension on a static field");
    }
    return cluster;
  }

  /**
   * spark-submit of the job to this cluster in client mode (this JVM's child is the driver), {@code executors}
   * executors of one core and {@link #EXECUTOR_MEMORY}, the trimmed models jar with {@code --jars}, the C1-only JVMs
   * of {@link QuickJvms}, then the job's own arguments.
   */
  public List<String> submitCommand(int executors, List<String> jobArgs) {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("jobs/spark-submit").toString(),
        "--master", get().url(), "--deploy-mode", "client", "--driver-memory", "2g",
        "--executor-memory", EXECUTOR_MEMORY, "--executor-cores", "1",
        "--total-executor-cores", Integer.toString(executors), "--conf", "spark.ui.enabled=false"));
    cmd.addAll(QuickJvms.sparkSubmitConfs());
    cmd.addAll(List.of("--jars", AppJars.MODELS.toString(), "--class", "io.moatwatch.cli.Main",
        AppJars.APP.toString()));
    cmd.addAll(jobArgs);
    return cmd;
  }

  private static StandaloneCluster start() {
    try {
      Path work = ROOT.resolve("target/standalone-cluster");
      if (Files.exists(work)) {
        SharedRun.deleteTree(work);
      }
      Files.createDirectories(work);
      return StandaloneCluster.start(ROOT, work, 2, 1, WORKER_MEMORY);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the two-worker standalone cluster: " + e.getMessage(), e);
    }
  }
}
