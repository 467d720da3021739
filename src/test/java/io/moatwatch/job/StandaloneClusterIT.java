package io.moatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.testing.AppJars;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import io.moatwatch.testing.Processes;
import io.moatwatch.testing.SharedRun;
import io.moatwatch.testing.TableText;
import io.moatwatch.testing.TwoWorkerCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real multi-process Spark cluster on this machine (the test JVM's {@link TwoWorkerCluster}: a standalone Master
 * and two Workers started from the Spark jars, jobs/spark-class, on 127.0.0.1), the application jar submitted with
 * spark-submit {@code --master spark://127.0.0.1:<port>} and the CoreNLP models with {@code --jars}. The executors
 * load the pipeline themselves (once per executor JVM, as their logs show) and the output equals the
 * {@code local[2]} run of the same input in this JVM ({@link SharedRun#sampleData}).
 *
 * <p>Faults, in two submissions of one executor each: the driver killed (SIGKILL) right after it wrote the first
 * table, so that nothing of it is published (its analyses come from the shared run's annotation cache, since what
 * is killed is the write); then the re-run, which must clean up after it, and whose executor is
 * killed while it loads the pipeline inside the NLP stage, so Spark must get a new executor and re-run the stage's
 * tasks; its output must still equal a clean run. The re-run is also the plain submission: only the trimmed
 * models jar, and the executors, not the driver, analyse the posts.
 */
@Order(Cost.CLUSTER)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  @RegisterExtension
  static final SharedRun SAMPLE = SharedRun.sampleData();
  @RegisterExtension
  static final TwoWorkerCluster CLUSTER = new TwoWorkerCluster();
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();

  @TempDir
  static Path work;

  /** spark-submit of the sample data to the cluster, one executor of one core, with the trimmed models jar. */
  private static List<String> submitCommand(String runId, Path out) throws IOException {
    assertThat(Files.size(AppJars.MODELS)).as("trimmed models jar").isBetween(100_000_000L, 250_000_000L);
    return CLUSTER.submitCommand(1, List.of("--input", ROOT.resolve("data").toString(), "--output", out.toString(),
        "--run-id", runId));
  }

  private static final String SAMPLE_COUNTS = "read 74 = analysed 56 + skipped 16 + rejected 2";

  @Test
  @Order(1)
  void driverKilledMidWritePublishesNothing() throws Exception {
    Path out = work.resolve("out");
    // What is killed is the write, so the analyses come from the shared run's annotation cache: the executor
    // loads no model (a full hit loads none), and the run reaches its write in seconds.
    SAMPLE.seedCache(out);
    Set<Path> before = executorLogs();
    Process crash = start(submitCommand("crash", out), work.resolve("driver-kill.log"));
    waitForLine(work.resolve("driver-kill.log"), "Wrote posts", crash);
    crash.destroyForcibly(); // SIGKILL of the driver JVM (client mode: spark-submit is the driver)
    crash.waitFor(1, TimeUnit.MINUTES);
    // A reader sees no table of the interrupted run: it is staged, its manifest says it is still running.
    assertThat(out.resolve("posts")).doesNotExist();
    assertThat(out.resolve("_staging/crash")).isDirectory();
    assertThat(Files.readString(out.resolve("_runs/crash.json"))).contains("\"status\" : \"running\"");
    Set<Path> executors = executorLogs();
    executors.removeAll(before);
    StringBuilder logs = new StringBuilder();
    for (Path log : executors) {
      logs.append(Files.readString(log)).append('\n');
    }
    assertThat(logs.toString()).as("this run's executor logs").containsPattern("\\([1-9]\\d* from the annotation cache")
        .doesNotContain("Loading CoreNLP pipeline");
    // The re-run below must analyse (its executor is killed while loading the pipeline): without the cache.
    SharedRun.deleteTree(out.resolve("_cache"));
  }

  @Test
  @Order(2)
  void theRerunCleansUpSurvivesItsExecutorKilledInTheNlpStageAndEqualsACleanRun() throws Exception {
    Path out = work.resolve("out");
    assertThat(out.resolve("_staging/crash")).as("the interrupted run's leftovers (the test before)").isDirectory();
    Set<Path> before = executorLogs();
    Process rerun = start(submitCommand("rerun", out), work.resolve("rerun.log"));
    // The NLP stage has started when an executor of this application begins loading the pipeline; loading takes
    // seconds, so two seconds later that executor is in the middle of the stage's first tasks.
    Path killed = waitForExecutorLog(before, "Loading CoreNLP pipeline", rerun);
    Thread.sleep(2000);
    CLUSTER.get().executorOf(killed).destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the driver
    assertThat(rerun.waitFor(10, TimeUnit.MINUTES)).as("the job finishes after losing its executor").isTrue();
    String driverLog = Files.readString(work.resolve("rerun.log"));
    assertThat(rerun.exitValue()).as(driverLog).isZero();
    assertThat(driverLog).contains("moatwatch run rerun: " + SAMPLE_COUNTS)
        .contains("Recovery: removed the unpublished output of interrupted run crash")
        .containsPattern("Lost executor|ExecutorLostFailure|Executor \\S+ removed");
    assertThat(Files.readString(killed)).as("the killed executor finished no NLP partition")
        .doesNotContain("NLP partition");
    Set<Path> replacements = executorLogs();
    replacements.removeAll(before);
    replacements.remove(killed);
    assertThat(replacements).as("a new executor took over").isNotEmpty();
    long loads = 0;
    for (Path log : replacements) {
      long n = Files.readAllLines(log).stream().filter(l -> l.contains("Loading CoreNLP pipeline")).count();
      assertThat(n).as(log + ": the pipeline loads at most once per executor JVM").isLessThanOrEqualTo(1);
      loads += n;
    }
    assertThat(loads).as("the new executor loaded the pipeline and analysed the posts").isPositive();
    assertThat(Files.readString(out.resolve("_runs/crash.json"))).contains("\"status\" : \"failed\"")
        .contains("interrupted before its output was committed");
    assertThat(out.resolve("_staging")).doesNotExist();
    assertThat(summary(out)).isEqualTo(summary(SAMPLE.output()));
  }

  private static Map<String, String> summary(Path out) {
    return TableText.ofRun(SPARK.session(), out.toString());
  }

  private static Set<Path> executorLogs() throws IOException {
    return CLUSTER.get().executorLogs();
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

  private static Process start(List<String> cmd, Path log) throws IOException {
    return Processes.command(cmd).log(log).start();
  }
}
