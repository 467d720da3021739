package io.moatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import io.moatwatch.bench.PushshiftDump;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import io.moatwatch.testing.Processes;
import io.moatwatch.testing.SharedRun;
import io.moatwatch.testing.StandaloneCluster;
import io.moatwatch.testing.TableText;
import io.moatwatch.testing.TwoWorkerCluster;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One big file on every core of a cluster: the test JVM's {@link TwoWorkerCluster} (two Workers of one core), and one
 * uncompressed Pushshift-style dump read in 1 MiB parts ({@code --split-mb 1}), so that both executors read
 * parts of the same file, in the prefilter's first pass and in the read stage, and the output equals a
 * {@code local[*]} run that reads the same parts without the prefilter. And one {@code .zst} dump, which cannot be
 * split: one task decompresses and tests it, and the lines it keeps are parsed on both executors. The analyses
 * come from the local run's annotation cache (the cache gives exactly what the analysis gave: SampleRunIT), so the
 * executors load no model; StandaloneClusterIT has executors analysing.
 */
@Order(Cost.CLUSTER)
class PartsOnTwoWorkersIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();

  @RegisterExtension
  static final TwoWorkerCluster CLUSTER = new TwoWorkerCluster();

  @TempDir
  static Path work;

  @Test
  void bothWorkersReadPartsOfOneFileAndParseTheKeptLinesOfACompressedOne() throws Exception {
    Path input = work.resolve("input");
    Path dump = PushshiftDump.write(5_000, 0.01, 17, input.resolve("RC_two-workers.jsonl"));
    // The generator numbers its posts and threads from the same start: the second dump's get a prefix of their own.
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    PushshiftDump.write(3_000, 0.01, 23, second);
    String renamed = second.toString(StandardCharsets.UTF_8).replace("\"id\":\"", "\"id\":\"z")
        .replace("\"t1_", "\"t1_z").replace("\"t3_", "\"t3_z");
    try (OutputStream z = new ZstdOutputStream(Files.newOutputStream(input.resolve("RC_two-workers.zst")))) {
      z.write(renamed.getBytes(StandardCharsets.UTF_8));
    }
    // First a local run that reads the same parts without the prefilter (PrefilterEquivalenceIT compares parts with
    // the prefilter against the file read whole without it); the cluster run below starts from its annotation
    // cache, so the executors read and parse but load no model (what is tested here is reading).
    Path local = work.resolve("local-out");
    assertThat(SPARK.runJob("--input", input.toString(), "--output", local.toString(), "--run-id", "local",
        "--prefilter", "off", "--split-mb", "1")).isZero();
    Path out = work.resolve("cluster-out");
    SharedRun.copyTree(local.resolve("_cache"), out.resolve("_cache"));
    StandaloneCluster cluster = CLUSTER.get();
    Set<Path> before = cluster.executorLogs();
    List<String> cmd = CLUSTER.submitCommand(2, List.of("--input", input.toString(), "--output", out.toString(),
        "--run-id", "parts", "--prefilter", "on", "--split-mb", "1"));
    Processes.Result submit = Processes.command(cmd)
        .log(work.resolve("submit")).separateErrors().timeout(Duration.ofMinutes(10)).run();
    assertThat(submit.exit()).as(submit.err()).isZero();
    assertThat(submit.err()).containsPattern("Reading \\S+RC_two-workers.jsonl \\(\\d+ MB\\) in [6-9] parts")
        .contains("the lines the prefilter keeps in whole files are parsed on 2 cores");

    // Each worker's executor read parts of the uncompressed file (its log names them: file@start-end), and
    // parsed some of the lines the one task reading the .zst file kept.
    long zstReads = 0;
    StringBuilder allLogs = new StringBuilder();
    for (int w = 0; w < 2; w++) {
      long parts = 0;
      long parsed = 0;
      Set<Path> logs = cluster.executorLogs(w);
      logs.removeAll(before); // this application's executors only
      for (Path log : logs) {
        List<String> lines = Files.readAllLines(log);
        lines.forEach(l -> allLogs.append(l).append('\n'));
        parts += lines.stream()
            .filter(l -> l.contains("INFO ReadFile: Reading ") && l.contains("RC_two-workers.jsonl@")).count();
        zstReads += lines.stream()
            .filter(l -> l.contains("INFO ReadFile: Reading ") && l.contains("RC_two-workers.zst")).count();
        parsed += lines.stream()
            .filter(l -> l.matches(".*INFO ReadFile: Parsed [1-9]\\d* lines of \\S*RC_two-workers\\.zst .*")).count();
      }
      assertThat(parts).as("parts read on worker " + w).isPositive();
      assertThat(parsed).as("tasks parsing the .zst file's kept lines on worker " + w).isPositive();
    }
    assertThat(zstReads).as("tasks reading the .zst file").isEqualTo(1);
    assertThat(allLogs.toString()).as("analyses from the local run's cache").containsPattern(
        "\\([1-9]\\d* from the annotation cache").doesNotContain("Loading CoreNLP pipeline");

    // The same tables as the local run's.
    assertThat(TableText.ofRun(SPARK.session(), out.toString()))
        .isEqualTo(TableText.ofRun(SPARK.session(), local.toString()));
    assertThat(SPARK.session().read().parquet(out.resolve("posts").toString())
        .filter("file like '%RC_two-workers.zst'").count()).as("posts from the .zst file").isPositive();
  }
}
