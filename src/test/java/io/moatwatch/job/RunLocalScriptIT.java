package io.moatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.Processes;
import io.moatwatch.testing.QuickJvms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: jobs/run-local.sh, which submits the application jar with the real
 * spark-submit (assembling the local Spark runtime from Maven Central the first time).
 */
@Order(Cost.PROCESSES)
class RunLocalScriptIT {
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();

  private static Processes.Result runLocal(Path logs, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("jobs/run-local.sh").toString());
    cmd.addAll(List.of(args));
    return Processes.command(cmd).env(Map.of("MOATWATCH_SPARK_OPTS",
            "--conf spark.ui.enabled=false " + QuickJvms.sparkOpts(), "MOATWATCH_SKIP_BUILD", "1"))
        .log(logs.resolve("run-local")).separateErrors().timeout(Duration.ofMinutes(10)).run();
  }

  @Test
  void submitsTheJarOnTheSampleData(@TempDir Path out, @TempDir Path logs) throws Exception {
    Processes.Result r = runLocal(logs, "--output", out.toString(), "--run-id", "script");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(
        "moatwatch run script: read 74 = analysed 56 + skipped 16 + rejected 2  (deleted 2, duplicate 2, empty 1,");
    assertThat(r.err()).as("spark-submit really ran the job").contains("Run script on Spark 4.1.3, master local[*]")
        .contains("Loading CoreNLP pipeline");
    JsonNode m = new ObjectMapper().readTree(out.resolve("_runs/script.json").toFile());
    assertThat(m.path("status").asText()).isEqualTo("succeeded");
    assertThat(m.path("counts").path("reconciled").asBoolean()).isTrue();
    assertThat(m.path("versions").path("moatwatch").asText()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(Files.list(out.resolve("posts")).map(p -> p.getFileName().toString()))
        .contains("dt=2026-11-19", "dt=2026-11-20");
  }

  @Test
  void badConfigurationExitsWithCodeTwoAndOneLine(@TempDir Path out, @TempDir Path logs) throws Exception {
    Processes.Result r = runLocal(logs, "--output", out.toString(), "--day", "someday");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines().filter(l -> l.startsWith("moatwatch:")))
        .containsExactly("moatwatch: --day 'someday' is not a date like 2026-11-21");
  }
}
