package io.moatwatch.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staged commit on a real local Spark session and file system, stopped at each point where a crash can
 * happen (the process is not killed here: StandaloneClusterIT kills a real driver). Each case checks what a
 * reader sees right after the "crash" and after the next run's recovery.
 */
@Order(Cost.SPARK)
class TableWriterIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  private static final StructType SCHEMA = new StructType().add("v", DataTypes.StringType).add("dt", DataTypes.StringType);
  private static SparkSession spark;

  @TempDir
  Path out;

  @BeforeAll
  static void start() {
    spark = SPARK.session();
  }

  private Dataset<Row> rows(String... valueAtDay) {
    return spark.createDataFrame(java.util.Arrays.stream(valueAtDay)
        .map(s -> RowFactory.create(s.split("@")[0], s.split("@")[1])).toList(), SCHEMA);
  }

  private TableWriter writer(String run) {
    return new TableWriter(out.toString(), spark.sparkContext().hadoopConfiguration(), run);
  }

  /** The published table as sorted "value@day" strings. */
  private Set<String> published() {
    if (!Files.exists(out.resolve("t"))) {
      return Set.of();
    }
    return spark.read().parquet(out.resolve("t").toString()).collectAsList().stream()
        .map(r -> r.getString(0) + "@" + r.get(1)).collect(Collectors.toCollection(TreeSet::new));
  }

  private String manifestStatus(String run) throws Exception {
    return JsonMapper.builder().build().readTree(out.resolve("_runs/" + run + ".json").toFile()).path("status").asText();
  }

  /** A first good run: days 01 and 02. */
  private void goodRun() throws Exception {
    TableWriter w = writer("good");
    assertThat(w.stage("t", rows("a@2026-11-01", "b@2026-11-02"), "dt", Set.of("2026-11-01", "2026-11-02")))
        .containsExactly("2026-11-01", "2026-11-02");
    w.commit("{\"status\":\"succeeded\"}");
    assertThat(published()).containsExactly("a@2026-11-01", "b@2026-11-02");
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  /** A second run replacing day 02 with new rows, adding day 03 and emptying day 01. */
  private TableWriter secondRunStaged() throws Exception {
    writer("second").writeText("_runs/second.json", "{\"status\":\"running\"}");
    TableWriter w = writer("second");
    assertThat(w.stage("t", rows("c@2026-11-02", "d@2026-11-03"), "dt",
        Set.of("2026-11-01", "2026-11-02", "2026-11-03"))).containsExactly("2026-11-02", "2026-11-03");
    return w;
  }

  private static final List<String> AFTER_SECOND = List.of("c@2026-11-02", "d@2026-11-03");

  @Test
  void stagingReturnsThePartitionValuesItWroteAndTheCommitReplacesThoseAndTheGivenOnes() throws Exception {
    goodRun();
    TableWriter w = writer("third");
    Set<String> written = w.stage("t", rows("e@2026-11-02", "f@2026-11-04", "g@2026-11-04"), "dt",
        Set.of("2026-11-01"));
    assertThat(written).containsExactly("2026-11-02", "2026-11-04");
    assertThat(w.stage("empty", rows(), "dt", Set.of())).as("no rows, no partitions").isEmpty();
    w.commit("{\"status\":\"succeeded\"}");
    assertThat(published()).as("day 01 emptied, day 02 replaced, day 04 added")
        .containsExactly("e@2026-11-02", "f@2026-11-04", "g@2026-11-04");
  }

  @Test
  void committedRunReplacesItsDaysOnly() throws Exception {
    goodRun();
    secondRunStaged().commit("{\"status\":\"succeeded\"}");
    assertThat(published()).containsExactlyElementsOf(AFTER_SECOND);
    assertThat(manifestStatus("second")).isEqualTo("succeeded");
  }

  @Test
  void crashBeforeTheCommitRecordLeavesThePreviousStateAndIsCleanedUp() throws Exception {
    goodRun();
    secondRunStaged(); // ... and the driver dies here
    assertThat(published()).as("readers still see the previous good state").containsExactly("a@2026-11-01", "b@2026-11-02");
    assertThat(manifestStatus("second")).isEqualTo("running");

    List<String> done = writer("third").recover();
    assertThat(done).containsExactly("removed the unpublished output of interrupted run second");
    assertThat(published()).containsExactly("a@2026-11-01", "b@2026-11-02");
    assertThat(manifestStatus("second")).isEqualTo("failed");
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  @Test
  void crashAfterTheCommitRecordIsCompletedByTheNextRun() throws Exception {
    goodRun();
    secondRunStaged().writeCommitRecord("{\"status\":\"succeeded\"}"); // ... and the driver dies here
    assertThat(manifestStatus("second")).isEqualTo("running");

    assertThat(writer("third").recover()).containsExactly("completed the commit of interrupted run second");
    assertThat(published()).containsExactlyElementsOf(AFTER_SECOND);
    assertThat(manifestStatus("second")).isEqualTo("succeeded");
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  @Test
  void crashHalfWayThroughTheRenamesIsCompletedByTheNextRun() throws Exception {
    goodRun();
    secondRunStaged().writeCommitRecord("{\"status\":\"succeeded\"}");
    // The driver had moved day 02 aside and moved the new day 02 in, then died before day 03 and day 01.
    Path staged = out.resolve("_staging/second");
    Files.createDirectories(staged.resolve("_replaced/t"));
    Files.move(out.resolve("t/dt=2026-11-02"), staged.resolve("_replaced/t/dt=2026-11-02"));
    Files.move(staged.resolve("t/dt=2026-11-02"), out.resolve("t/dt=2026-11-02"));
    assertThat(published()).containsExactly("a@2026-11-01", "c@2026-11-02");

    writer("third").recover();
    assertThat(published()).containsExactlyElementsOf(AFTER_SECOND);
    // Recovery twice is harmless.
    assertThat(writer("fourth").recover()).isEmpty();
    assertThat(published()).containsExactlyElementsOf(AFTER_SECOND);
  }

  @Test
  void failedRunDiscardsItsStagingButNotACommittedOne() throws Exception {
    goodRun();
    TableWriter failed = secondRunStaged();
    failed.discardUncommitted();
    assertThat(out.resolve("_staging/second")).doesNotExist();
    assertThat(published()).containsExactly("a@2026-11-01", "b@2026-11-02");

    TableWriter committed = secondRunStaged();
    committed.writeCommitRecord("{\"status\":\"succeeded\"}");
    committed.discardUncommitted();
    assertThat(out.resolve("_staging/second/_COMMIT")).exists();
  }
}
