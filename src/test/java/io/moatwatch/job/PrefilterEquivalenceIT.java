package io.moatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.bench.PushshiftDump;
import io.moatwatch.cli.Main;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import io.moatwatch.testing.SharedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prefilter changes what is parsed, never what is found: the same input run with {@code --prefilter on}
 * and {@code --prefilter off} gives the same posts, topic_daily, topic_entities and threads tables, row for
 * row, and the same number of records read and analysed. On the bundled sample data, the shared real exports
 * (skipped where ../shared is absent) and a generated Pushshift-style dump, read in parts, whose replies reach
 * NLP only through their on-topic thread.
 *
 * <p>What is compared is reading, so the analyses are made once: the second run of a pair starts from the first
 * one's annotation cache, and the sample data and shared exports from the test JVM's shared runs' caches (the
 * cache gives exactly what the analysis gave: SampleRunIT). A record read by one run and not the other still
 * shows as a row of difference.
 */
@Order(Cost.JOB)
class PrefilterEquivalenceIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  @RegisterExtension
  static final SharedRun SAMPLE = SharedRun.sampleData();
  @RegisterExtension
  static final SharedRun SAMPLES = SharedRun.sharedSamples();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TABLES = List.of("posts", "topic_daily", "topic_entities", "threads");

  @TempDir
  Path out;

  @Test
  void theSampleDataGivesTheSameTables() throws Exception {
    // The "off" side is the shared run itself: with the default (auto), files under 32 MiB are never prefiltered.
    JsonNode shared = SAMPLE.manifest();
    assertThat(shared.path("config").path("prefilter").asText()).isEqualTo("auto");
    assertThat(shared.path("timings_s").has("prefilter")).as("the shared run prefiltered nothing").isFalse();
    SAMPLE.seedCache(out.resolve("on"));
    JsonNode on = run(SAMPLE.args(), "on");
    assertSameTables(out.resolve("on"), SAMPLE.output());
    assertSameCounts(on, shared);
    assertThat(on.path("timings_s").has("prefilter")).as("the prefilter ran").isTrue();
    assertThat(on.path("counts").path("analysed").asLong()).isEqualTo(56);
    assertThat(on.path("counts").path("analysed_by_corenlp").asLong()).as("analyses from the shared run").isZero();
  }

  @Test
  void aGeneratedDumpReadInPartsGivesTheSameTablesFromAFractionOfItsRecords() throws Exception {
    // One uncompressed dump, read whole without the prefilter and in 1 MiB parts with it.
    Path dump = PushshiftDump.write(8_000, 0.01, 11, out.resolve("input/RC_gen.jsonl"));
    assertThat(Files.size(dump)).as("four parts or more of 1 MiB").isGreaterThan(4L << 20);
    // Positions name the part a record was read from, so they are the one column that differs.
    JsonNode on = equivalent(null, List.of("--input", dump.toString()), List.of("--split-mb", "1"), "position");
    JsonNode c = on.path("counts");
    assertThat(c.path("read").asLong()).isEqualTo(8_000);
    assertThat(c.path("skip_reasons").path("off_topic: prefiltered").asLong())
        .as("records never parsed").isGreaterThan(7_000);
    assertThat(c.path("analysed").asLong()).as("replies reach NLP through their thread").isGreaterThan(150);
    var positions = SPARK.session().read().parquet(out.resolve("on/posts").toString()).select("position")
        .distinct().collectAsList().stream().map(r -> r.getString(0).replaceAll(", line \\d+$", "")).distinct()
        .toList();
    assertThat(positions).as("posts come from many parts").hasSizeGreaterThan(3)
        .allMatch(p -> p.matches("bytes \\d+-\\d+"));
  }

  @Test
  void theSharedExportsGiveTheSameTables() throws Exception {
    equivalent(SAMPLES, SAMPLES.args(), List.of()); // skipped where ../shared/samples is absent
  }

  /**
   * The same, with {@code onlyOn} added to the run with the prefilter on, and the tables compared without
   * {@code ignored} columns; both runs start from {@code seed}'s annotation cache when given, else the run with
   * the prefilter off starts from the other's.
   */
  private JsonNode equivalent(SharedRun seed, List<String> args, List<String> onlyOn, String... ignored)
      throws Exception {
    List<String> withOn = new ArrayList<>(args);
    withOn.addAll(onlyOn);
    if (seed != null) {
      seed.seedCache(out.resolve("on"));
    }
    JsonNode on = run(withOn, "on");
    SharedRun.copyTree(out.resolve("on/_cache"), out.resolve("off/_cache"));
    JsonNode off = run(args, "off");
    assertSameTables(out.resolve("on"), out.resolve("off"), ignored);
    assertSameCounts(on, off);
    return on;
  }

  private void assertSameTables(Path on, Path off, String... ignored) {
    for (String t : TABLES) {
      assertThat(rows(on, t, ignored)).as(t).containsExactlyElementsOf(rows(off, t, ignored));
    }
  }

  private static void assertSameCounts(JsonNode on, JsonNode off) {
    for (String count : List.of("read", "analysed")) {
      assertThat(on.path("counts").path(count).asLong()).as(count)
          .isEqualTo(off.path("counts").path(count).asLong());
    }
  }

  private JsonNode run(List<String> args, String prefilter) throws Exception {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--output", out.resolve(prefilter).toString(), "--run-id", "eq-" + prefilter,
        "--prefilter", prefilter));
    assertThat(Main.execute(all.toArray(String[]::new))).isZero();
    return JSON.readTree(out.resolve(prefilter + "/_runs/eq-" + prefilter + ".json").toFile());
  }

  /** A table's rows without the run id (and the {@code ignored} columns), as text, sorted. */
  private List<String> rows(Path run, String table, String... ignored) {
    var df = SPARK.session().read().parquet(run.resolve(table).toString()).drop("run_id").drop(ignored);
    List<String> rows = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      rows.add(r.toString());
    }
    rows.sort(null);
    return rows;
  }
}
