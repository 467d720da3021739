package io.moatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.bench.PushshiftDump;
import io.moatwatch.cli.Main;
import io.moatwatch.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prefilter changes what is parsed, never what is found: the same input run with {@code --prefilter on}
 * and {@code --prefilter off} gives the same posts, topic_daily, topic_entities and threads tables, row for
 * row, and the same number of records read and analysed. On the bundled sample data, the shared real exports
 * (skipped where ../shared is absent) and a generated Pushshift-style dump whose replies reach NLP only
 * through their on-topic thread.
 */
class PrefilterEquivalenceIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TABLES = List.of("posts", "topic_daily", "topic_entities", "threads");

  @TempDir
  Path out;

  @Test
  void theSampleDataGivesTheSameTables() throws Exception {
    JsonNode on = equivalent(List.of("--input", "data"));
    assertThat(on.path("counts").path("analysed").asLong()).isEqualTo(56);
  }

  @Test
  void aGeneratedDumpGivesTheSameTablesFromAFractionOfItsRecords() throws Exception {
    Path dump = PushshiftDump.write(8_000, 0.01, 11, out.resolve("input/RC_gen.jsonl"));
    JsonNode on = equivalent(List.of("--input", dump.toString()));
    JsonNode c = on.path("counts");
    assertThat(c.path("read").asLong()).isEqualTo(8_000);
    assertThat(c.path("skip_reasons").path("off_topic: prefiltered").asLong())
        .as("records never parsed").isGreaterThan(7_000);
    assertThat(c.path("analysed").asLong()).as("replies reach NLP through their thread").isGreaterThan(150);
  }

  @Test
  void anUncompressedDumpReadInPartsGivesTheSameTables() throws Exception {
    Path dump = PushshiftDump.write(3_500, 0.01, 13, out.resolve("input/RC_parts.jsonl"));
    assertThat(Files.size(dump)).as("four parts or more of 1 MiB").isGreaterThan(4L << 20);
    // Positions name the part a record was read from, so they are the one column that differs.
    JsonNode on = equivalent(List.of("--input", dump.toString()), List.of("--split-mb", "1"), "position");
    assertThat(on.path("counts").path("read").asLong()).isEqualTo(3_500);
    assertThat(on.path("counts").path("analysed").asLong()).isGreaterThan(50);
    var positions = SPARK.session().read().parquet(out.resolve("on/posts").toString()).select("position")
        .distinct().collectAsList().stream().map(r -> r.getString(0).replaceAll(", line \\d+$", "")).distinct()
        .toList();
    assertThat(positions).as("posts come from many parts").hasSizeGreaterThan(3)
        .allMatch(p -> p.matches("bytes \\d+-\\d+"));
  }

  @Test
  void theSharedExportsGiveTheSameTables() throws Exception {
    Path samples = Path.of("../shared/samples");
    assumeTrue(Files.isDirectory(samples), "../shared/samples is not beside this checkout");
    equivalent(List.of("--input", samples.toString(), "--topics", "src/test/resources/conformance/samples.topics"));
  }

  /** Runs the job with the prefilter on and off; asserts the same tables and counts; the manifest of "on". */
  private JsonNode equivalent(List<String> args) throws Exception {
    return equivalent(args, List.of());
  }

  /**
   * The same, with {@code onlyOn} added to the run with the prefilter on, and the tables compared without
   * {@code ignored} columns.
   */
  private JsonNode equivalent(List<String> args, List<String> onlyOn, String... ignored) throws Exception {
    List<String> withOn = new ArrayList<>(args);
    withOn.addAll(onlyOn);
    JsonNode on = run(withOn, "on");
    JsonNode off = run(args, "off");
    for (String t : TABLES) {
      assertThat(rows("on", t, ignored)).as(t).containsExactlyElementsOf(rows("off", t, ignored));
    }
    for (String count : List.of("read", "analysed")) {
      assertThat(on.path("counts").path(count).asLong()).as(count)
          .isEqualTo(off.path("counts").path(count).asLong());
    }
    return on;
  }

  private JsonNode run(List<String> args, String prefilter) throws Exception {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--output", out.resolve(prefilter).toString(), "--run-id", "eq-" + prefilter,
        "--prefilter", prefilter, "--no-cache"));
    assertThat(Main.execute(all.toArray(String[]::new))).isZero();
    return JSON.readTree(out.resolve(prefilter + "/_runs/eq-" + prefilter + ".json").toFile());
  }

  /** A table's rows without the run id (and the {@code ignored} columns), as text, sorted. */
  private List<String> rows(String run, String table, String... ignored) {
    var df = SPARK.session().read().parquet(out.resolve(run + "/" + table).toString()).drop("run_id").drop(ignored);
    List<String> rows = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      rows.add(r.toString());
    }
    rows.sort(null);
    return rows;
  }
}
