package io.moatwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import io.moatwatch.testing.Processes;
import io.moatwatch.testing.QuickJvms;
import io.moatwatch.testing.SharedRun;
import io.moatwatch.testing.TableText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/nightly.sh for real: spark-submit (local[2]) with the trimmed models jar, the lock, the log files, the
 * configuration precedence, and re-running a day. What is tested is the script around the job, so the first run
 * starts from the shared sample run's annotation cache and loads no model (the trimmed models jar analysing under
 * spark-submit: StandaloneClusterIT and RunLocalScriptIT).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Cost.PROCESSES)
class NightlyIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  @RegisterExtension
  static final SharedRun SAMPLE = SharedRun.sampleData();
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
  private static final List<String> TABLES = List.of("posts", "topic_daily", "topic_entities", "threads");

  @TempDir
  static Path work;
  private static Map<String, String> env;

  @BeforeAll
  static void environment() {
    env = new HashMap<>();
    env.put("MOATWATCH_INPUT", ROOT.resolve("data").toString());
    env.put("MOATWATCH_OUTPUT", work.resolve("out").toString());
    env.put("MOATWATCH_LOG_DIR", work.resolve("logs").toString());
    env.put("MOATWATCH_MASTER", "local[2]");
    env.put("MOATWATCH_DRIVER_MEMORY", "4g");
    env.put("MOATWATCH_SPARK_OPTS", "--conf spark.ui.enabled=false " + QuickJvms.sparkOpts());
    env.put("MOATWATCH_SKIP_BUILD", "1"); // the jars this build made, never rebuilt under the test
  }

  @AfterAll
  static void stopSpark() {
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
  }

  @Test
  @Order(1)
  void aSecondRunWhileTheFirstHoldsTheLockRefuses() throws Exception {
    // both days of the sample data, which the next test then re-runs one of
    SAMPLE.seedCache(work.resolve("out"));
    Process first = start(List.of("--from", "2026-11-19", "--to", "2026-11-20"), work.resolve("first.log"));
    Path lock = work.resolve("logs/nightly.lock");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(lock) && Files.readString(lock).startsWith("pid")) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(Files.readString(lock)).as("the first run holds the lock").startsWith("pid");
    Processes.Result second = nightly(List.of("--day", "2026-11-19"));
    assertThat(second.exit()).as(second.out()).isEqualTo(3);
    assertThat(second.out().strip()).startsWith("moatwatch nightly: another nightly run holds the lock " + lock)
        .contains("run nightly-2026-11-19_2026-11-20-").endsWith("not starting");
    assertThat(first.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String firstOut = Files.readString(work.resolve("first.log"));
    assertThat(first.exitValue()).as(firstOut).isZero();
    assertThat(firstOut).contains("moatwatch nightly: run nightly-2026-11-19_2026-11-20-", "succeeded")
        .containsPattern("moatwatch run nightly-2026-11-19_2026-11-20-\\S+: read 74 = ");
    try (Stream<Path> runs = Files.list(work.resolve("out/_runs"))) {
      Path manifest = runs.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
      assertThat(new ObjectMapper().readTree(manifest.toFile()).path("counts").path("analysed_by_corenlp").asLong())
          .as("every analysis from the shared run's cache").isZero();
    }
    try (Stream<Path> logs = Files.list(work.resolve("logs"))) {
      assertThat(logs.map(p -> p.getFileName().toString()))
          .anySatisfy(n -> assertThat(n).matches("nightly-2026-11-19_2026-11-20-\\d{8}T\\d{6}Z\\.log"));
    }
  }

  @Test
  @Order(2)
  void rerunningADayGivesIdenticalOutputAndLeavesOtherDaysAlone() throws Exception {
    // the first test's run wrote both days; one of them again, on its own
    Map<String, String> day19 = snapshot("2026-11-19", false);
    Map<String, String> day20 = snapshot("2026-11-20", true);
    Processes.Result b = nightly(List.of("--day", "2026-11-20"));
    assertThat(b.exit()).as(b.out()).isZero();
    assertThat(snapshot("2026-11-20", true)).isEqualTo(day20);
    assertThat(snapshot("2026-11-19", false)).as("the other day, run ids included").isEqualTo(day19);
    assertThat(day20).isNotEmpty();
    // Every run's manifest ends as succeeded (a half-finished run would still say running).
    try (Stream<Path> runs = Files.list(work.resolve("out/_runs"))) {
      List<Path> manifests = runs.filter(p -> p.toString().endsWith(".json")).toList();
      assertThat(manifests).hasSize(2);
      for (Path m : manifests) {
        assertThat(new ObjectMapper().readTree(m.toFile()).path("status").asText()).as(m.toString())
            .isEqualTo("succeeded");
      }
    }
  }

  @Test
  @Order(3)
  void configurationFileEnvironmentAndDayFolders(@TempDir Path dir) throws Exception {
    Path conf = Files.writeString(dir.resolve("nightly.conf"), String.join("\n",
        "# comment", "MOATWATCH_OUTPUT=" + dir.resolve("from-file"), "MOATWATCH_MASTER=spark://file:7077", ""));
    Files.createDirectories(dir.resolve("exports/2026-11-20"));
    Map<String, String> e = new HashMap<>(env);
    e.remove("MOATWATCH_OUTPUT");
    e.put("MOATWATCH_INPUT", dir.resolve("exports").toString());
    Processes.Result r = run(List.of("--config", conf.toString(), "--from", "2026-11-19", "--to", "2026-11-20", "--dry-run"), e);
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("--master local\\[2\\]") // the environment wins over the file
        .contains("--output " + dir.resolve("from-file"))
        .contains("--input " + dir.resolve("exports/2026-11-20") + " ") // only the day folder that exists
        .contains("--from 2026-11-19 --to 2026-11-20")
        .contains("--jars " + ROOT.resolve("target/moatwatch-0.1.0-SNAPSHOT-models.jar"));

    Files.writeString(conf, "MOATWATCH_OUTPUT=/x\nMOATWATCH_MASTR=local\n");
    Processes.Result bad = run(List.of("--config", conf.toString(), "--dry-run"), e);
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out().strip()).startsWith("moatwatch nightly: " + conf + " line 2: unknown key MOATWATCH_MASTR");
    Processes.Result badDay = run(List.of("--day", "2026-02-30"), env);
    assertThat(badDay.exit()).isEqualTo(2);
    assertThat(badDay.out().strip()).isEqualTo("moatwatch nightly: --day '2026-02-30' is not a date like 2026-11-20");
  }

  /** Every row of the four day-partitioned tables for one day, as sorted text; doubles to 1e-9. */
  private static Map<String, String> snapshot(String day, boolean dropRunId) {
    SparkSession spark = SPARK.session();
    Map<String, String> rows = new TreeMap<>();
    for (String table : TABLES) {
      var data = spark.read().parquet(work.resolve("out/" + table).toString()).filter("dt = '" + day + "'");
      if (dropRunId) {
        data = data.drop("run_id");
      }
      TableText.add(rows, table, data);
    }
    return rows;
  }

  private static Processes.Result nightly(List<String> args) throws Exception {
    return run(args, env);
  }

  private static Processes.Result run(List<String> args, Map<String, String> environment) throws Exception {
    return command(args, environment).log(Files.createTempFile(work, "nightly", ".log"))
        .timeout(Duration.ofMinutes(10)).run();
  }

  private static Process start(List<String> args, Path log) throws Exception {
    return command(args, env).log(log).start();
  }

  /** jobs/nightly.sh with only the test's MOATWATCH_* settings (none inherited from the machine). */
  private static Processes.Spec command(List<String> args, Map<String, String> environment) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("jobs/nightly.sh").toString());
    cmd.addAll(args);
    return Processes.command(cmd).withoutEnv("MOATWATCH_").env(environment);
  }
}
