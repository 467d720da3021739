package io.moatwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.bench.PushshiftDump;
import io.moatwatch.testing.AppJars;
import io.moatwatch.testing.LocalSpark;
import io.moatwatch.testing.Processes;
import io.moatwatch.testing.StandaloneCluster;
import io.moatwatch.testing.TableText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One big file on every core of a cluster: a standalone Master with two Workers of one core each, and one
 * uncompressed Pushshift-style dump read in 1 MiB parts ({@code --split-mb 1}), so that both executors read
 * parts of the same file, in the prefilter's first pass and in the read stage, and the output equals a
 * {@code local[*]} run that reads the same parts without the prefilter.
 */
class PartsOnTwoWorkersIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();

  @TempDir
  static Path work;
  private static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start(ROOT, work, 2, 1, "4g");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void bothWorkersReadPartsOfOneFileAndTheOutputEqualsAWholeRead() throws Exception {
    Path dump = PushshiftDump.write(5_000, 0.01, 17, work.resolve("input/RC_two-workers.jsonl"));
    Path out = work.resolve("cluster-out");
    Processes.Result submit = Processes.command(List.of(ROOT.resolve("jobs/spark-submit").toString(),
            "--master", cluster.url(), "--deploy-mode", "client", "--driver-memory", "2g",
            "--executor-memory", "3g", "--executor-cores", "1", "--total-executor-cores", "2",
            "--conf", "spark.ui.enabled=false", "--jars", AppJars.MODELS.toString(),
            "--class", "io.moatwatch.cli.Main", AppJars.APP.toString(), "--input", dump.toString(),
            "--output", out.toString(), "--run-id", "parts", "--prefilter", "on", "--split-mb", "1"))
        .log(work.resolve("submit")).separateErrors().timeout(Duration.ofMinutes(10)).run();
    assertThat(submit.exit()).as(submit.err()).isZero();
    assertThat(submit.err()).containsPattern("Reading \\S+RC_two-workers.jsonl \\(\\d+ MB\\) in [6-9] parts");

    // Each worker's executor read parts of the file: its log names them (file@start-end).
    for (int w = 0; w < 2; w++) {
      long parts = 0;
      for (Path log : cluster.executorLogs(w)) {
        parts += Files.readAllLines(log).stream()
            .filter(l -> l.contains("INFO ReadFile: Reading ") && l.contains("RC_two-workers.jsonl@")).count();
      }
      assertThat(parts).as("parts read on worker " + w).isPositive();
    }

    // Against a local run that reads the same parts without the prefilter (PrefilterEquivalenceIT compares parts
    // with the prefilter against the file read whole without it).
    assertThat(SPARK.runJob("--input", dump.toString(), "--output", work.resolve("local-out").toString(),
        "--run-id", "local", "--prefilter", "off", "--split-mb", "1")).isZero();
    assertThat(TableText.ofRun(SPARK.session(), out.toString()))
        .isEqualTo(TableText.ofRun(SPARK.session(), work.resolve("local-out").toString()));
  }
}
