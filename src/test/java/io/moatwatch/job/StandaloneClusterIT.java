package io.moatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.cli.Main;
import io.moatwatch.testing.AppJars;
import io.moatwatch.testing.LocalSpark;
import io.moatwatch.testing.Processes;
import io.moatwatch.testing.StandaloneCluster;
import io.moatwatch.testing.TableText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real multi-process Spark cluster on this machine: a standalone Master and a Worker started from the
 * Spark jars (jobs/spark-class) on 127.0.0.1, the application jar submitted with spark-submit
 * {@code --master spark://127.0.0.1:<port>} and the CoreNLP models with {@code --jars}. The executors load
 * the pipeline themselves (once per executor JVM, as their logs show) and the output equals a
 * {@code local[*]} run on the same input.
 *
 * <p>Faults, on the same cluster (each test's last submission is also the plain one checked against the local
 * run, so the cluster runs three jobs in all): the executor killed (SIGKILL) while it loads the pipeline inside the NLP stage,
 * so Spark must get a new executor and re-run the stage's tasks; and the driver killed right after it wrote the
 * first table, so the next run must clean up and publish output equal to a clean run.
 */
class StandaloneClusterIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();

  @TempDir
  static Path work;
  private static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start(ROOT, work, 1, 2, "8g");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** spark-submit of the sample data to the cluster, with only the trimmed models jar Maven builds. */
  private static List<String> submitCommand(String runId, Path out) throws IOException {
    assertThat(Files.size(AppJars.MODELS)).as("trimmed models jar").isBetween(100_000_000L, 250_000_000L);
    return List.of(ROOT.resolve("jobs/spark-submit").toString(),
        "--master", cluster.url(), "--deploy-mode", "client",
        "--driver-memory", "2g", "--executor-memory", "5g", "--total-executor-cores", "2",
        "--conf", "spark.ui.enabled=false",
        "--jars", AppJars.MODELS.toString(), "--class", "io.moatwatch.cli.Main", AppJars.APP.toString(),
        "--input", ROOT.resolve("data").toString(), "--output", out.toString(), "--run-id", runId);
  }

  private static final String SAMPLE_COUNTS = "read 74 = analysed 56 + skipped 16 + rejected 2";

  @Test
  void executorKilledInTheNlpStageIsReplacedAndTheOutputIsTheSame() throws Exception {
    Set<Path> before = executorLogs();
    Path out = work.resolve("executor-kill-out");
    Process submit = start(submitCommand("executor-kill", out), work.resolve("executor-kill.log"), Map.of());
    // The NLP stage has started when an executor of this application begins loading the pipeline; loading takes
    // seconds, so two seconds later that executor is in the middle of the stage's first tasks.
    Path log = waitForExecutorLog(before, "Loading CoreNLP pipeline", submit);
    Thread.sleep(2000);
    ProcessHandle executor = cluster.worker(0).descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .findFirst().orElseThrow(() -> new AssertionError("no executor process under the worker"));
    executor.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the driver
    assertThat(submit.waitFor(10, TimeUnit.MINUTES)).as("the job finishes after losing its executor").isTrue();
    String driverLog = Files.readString(work.resolve("executor-kill.log"));
    assertThat(submit.exitValue()).as(driverLog).isZero();
    assertThat(driverLog).contains("moatwatch run executor-kill: " + SAMPLE_COUNTS).containsPattern("Lost executor|Executor lost|removed");
    assertThat(Files.readString(log)).as("the killed executor finished no NLP partition").doesNotContain("NLP partition");
    Set<Path> replacement = executorLogs();
    replacement.removeAll(before);
    replacement.remove(log);
    assertThat(replacement).as("a new executor took over").isNotEmpty();
    assertThat(summary(out)).isEqualTo(localSummary());
  }

  @Test
  void driverKilledMidWritePublishesNothingAndTheRerunEqualsACleanRun() throws Exception {
    Path out = work.resolve("driver-kill-out");
    Process crash = start(submitCommand("crash", out), work.resolve("driver-kill.log"), Map.of());
    waitForLine(work.resolve("driver-kill.log"), "Wrote posts", crash);
    crash.destroyForcibly(); // SIGKILL of the driver JVM (client mode: spark-submit is the driver)
    crash.waitFor(1, TimeUnit.MINUTES);
    // A reader sees no table of the interrupted run: it is staged, its manifest says it is still running.
    assertThat(out.resolve("posts")).doesNotExist();
    assertThat(out.resolve("_staging/crash")).isDirectory();
    assertThat(Files.readString(out.resolve("_runs/crash.json"))).contains("\"status\" : \"running\"");

    // The re-run is also the plain submission: only the trimmed models jar, which the executors (and the
    // driver's model check) must find every model in, and the executors, not the driver, analyse the posts.
    Set<Path> before = executorLogs();
    int exit = run(submitCommand("rerun", out), work.resolve("rerun"));
    String err = Files.readString(work.resolve("rerun.err"));
    assertThat(exit).as(err).isZero();
    assertThat(Files.readString(work.resolve("rerun.out"))).contains("moatwatch run rerun: " + SAMPLE_COUNTS);
    assertThat(err).contains("Recovery: removed the unpublished output of interrupted run crash");
    assertOnePipelineLoadPerExecutor(before);
    assertThat(Files.readString(out.resolve("_runs/crash.json"))).contains("\"status\" : \"failed\"")
        .contains("interrupted before its output was committed");
    assertThat(out.resolve("_staging")).doesNotExist();
    assertThat(summary(out)).isEqualTo(localSummary());
  }

  /** Each executor JVM started since {@code before} logged at most one pipeline load, and some did load it. */
  private static void assertOnePipelineLoadPerExecutor(Set<Path> before) throws IOException {
    Set<Path> logs = executorLogs();
    logs.removeAll(before);
    assertThat(logs).as("executors of the run").isNotEmpty();
    int loads = 0;
    for (Path log : logs) {
      long n = Files.readAllLines(log).stream().filter(l -> l.contains("Loading CoreNLP pipeline")).count();
      assertThat(n).as(log.toString()).isLessThanOrEqualTo(1);
      loads += (int) n;
    }
    assertThat(loads).isPositive();
  }

  private static Map<String, String> localSummary;

  /** The sample data run on local[2] in this JVM, once. */
  private static synchronized Map<String, String> localSummary() {
    if (localSummary == null) {
      assertThat(SPARK.runJob("--input", ROOT.resolve("data").toString(), "--output",
          work.resolve("local-out").toString(), "--run-id", "local")).isZero();
      localSummary = summary(work.resolve("local-out"));
    }
    return localSummary;
  }

  private static Map<String, String> summary(Path out) {
    return TableText.ofRun(SPARK.session(), out.toString());
  }

  private static Set<Path> executorLogs() throws IOException {
    return cluster.executorLogs(0);
  }

  /** The first new executor log that contains {@code text}, waiting up to five minutes. */
  private static Path waitForExecutorLog(Set<Path> before, String text, Process submit) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline && submit.isAlive()) {
      for (Path log : executorLogs()) {
        if (!before.contains(log) && Files.readString(log).contains(text)) {
          return log;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no new executor logged '" + text + "'");
  }

  private static void waitForLine(Path log, String text, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("'" + text + "' never appeared in " + log + ":\n" + Files.readString(log));
  }

  private static Process start(List<String> cmd, Path log, Map<String, String> env) throws IOException {
    return Processes.command(cmd).env(env).log(log).start();
  }

  private static int run(List<String> cmd, Path logs) throws Exception {
    return Processes.command(cmd).log(logs).separateErrors().timeout(Duration.ofMinutes(10)).run().exit();
  }
}
