package io.moatwatch.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.config.Preparation;
import io.moatwatch.config.Window;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.RowBuilder;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Thread-root reconstruction and topic inheritance on a real local Spark session, with tiny inline threads. */
@Order(Cost.SPARK)
class ThreadsIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SPARK.session();
  }

  /** A READ row with only the thread fields, the status and the direct topics set. */
  private static Row post(String id, String parent, String thread, String... topics) {
    Object[] v = new Object[Columns.READ.size()];
    v[Columns.READ.fieldIndex(Columns.STATUS)] = "pending";
    v[Columns.READ.fieldIndex(Columns.POST_ID)] = id;
    v[Columns.READ.fieldIndex(Columns.PARENT_ID)] = parent;
    v[Columns.READ.fieldIndex(Columns.THREAD_ID)] = thread;
    v[Columns.READ.fieldIndex(Columns.TOPICS_DIRECT)] = Columns.seq(List.of(topics));
    v[Columns.READ.fieldIndex(Columns.FORMAT)] = "test";
    v[Columns.READ.fieldIndex(Columns.FILE)] = "f";
    v[Columns.READ.fieldIndex(Columns.POSITION)] = "line " + id;
    v[Columns.READ.fieldIndex(Columns.SEQ)] = 0L;
    return RowFactory.create(v);
  }

  private static final RowBuilder.Shape READ = RowBuilder.shape(Columns.READ);

  /** {@code of}, changed. */
  private static RowBuilder changed(Row of) {
    return READ.row().copy(of, Columns.READ);
  }

  /** Another record of the same post, at another place, with a version (or none). */
  private static Row copy(Row of, String file, long seq, String version) {
    return changed(of).set(Columns.FILE, file).set(Columns.SEQ, seq).set(Columns.POSITION, file + ":" + seq)
        .set(Columns.VERSION, version == null ? null : java.sql.Timestamp.from(java.time.Instant.parse(version)))
        .build();
  }

  private static Map<String, Row> byId(Dataset<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : rows.collectAsList()) {
      out.put(r.getAs(Columns.POST_ID), r);
    }
    return out;
  }

  private static Dataset<Row> frame(List<Row> rows) {
    return spark.createDataFrame(rows, Columns.READ);
  }

  @Test
  void rootsAreFoundThroughParentChains() {
    List<Row> rows = new ArrayList<>(List.of(
        post("hn:1", null, "hn:1", "ROCm"),
        post("hn:2", "hn:1", null),
        post("hn:3", "hn:2", null),
        post("hn:4", "hn:3", null),
        post("hn:12", "hn:11", null),   // hn:11 is not in the input
        post("hn:13", "hn:12", null),
        post("x:1", null, null),        // a post with no parent is its own thread
        post("x:2", "x:1", null),
        post("r:2", "r:1", "r:1")));    // already known: untouched
    Map<String, Row> out = byId(Threads.reconstructRoots(frame(rows)));
    assertThat(out.get("hn:4").<String>getAs(Columns.THREAD_ID)).isEqualTo("hn:1");
    assertThat(out.get("hn:2").<String>getAs(Columns.THREAD_ID)).isEqualTo("hn:1");
    assertThat(out.get("hn:13").<String>getAs(Columns.THREAD_ID)).isEqualTo("hn:11");
    assertThat(out.get("hn:12").<String>getAs(Columns.THREAD_ID)).isEqualTo("hn:11");
    assertThat(out.get("x:1").<String>getAs(Columns.THREAD_ID)).isEqualTo("x:1");
    assertThat(out.get("x:2").<String>getAs(Columns.THREAD_ID)).isEqualTo("x:1");
    assertThat(out.get("r:2").<String>getAs(Columns.THREAD_ID)).isEqualTo("r:1");
    assertThat(out).hasSize(rows.size());
    Map<String, Integer> depth = new HashMap<>();
    out.forEach((id, r) -> depth.put(id, r.<Integer>getAs(Columns.DEPTH)));
    assertThat(depth).containsEntry("hn:1", 0).containsEntry("hn:2", 1).containsEntry("hn:4", 3)
        .containsEntry("hn:12", 1).containsEntry("hn:13", 2) // hn:11, not in the input, counts as the top
        .containsEntry("x:1", 0).containsEntry("x:2", 1).containsEntry("r:2", 1);
  }

  private static String topics(Row r) {
    return r.<scala.collection.Seq<String>>getAs(Columns.TOPICS).mkString(",");
  }

  @Test
  void aReplyInheritsFromItsNearestAncestorWithTopicsAndOffTopicThreadsAreSkipped() {
    List<Row> rows = List.of(
        post("hn:1", null, "hn:1", "ROCm"),
        post("hn:2", "hn:1", null),
        post("hn:3", "hn:2", null, "CUDA"),
        post("hn:4", "hn:3", null),
        post("hn:5", "hn:4", null),
        post("hn:9", null, "hn:9"),
        post("hn:10", "hn:9", null));
    Map<String, Row> out = byId(Threads.resolve(frame(rows), Preparation.defaults(Window.ALL)));
    assertThat(topics(out.get("hn:2"))).isEqualTo("ROCm");
    assertThat(out.get("hn:2").<Boolean>getAs(Columns.TOPICS_INHERITED)).isTrue();
    // hn:4 answers the CUDA comment, not the ROCm story: the nearest ancestor with topics wins
    assertThat(topics(out.get("hn:4"))).isEqualTo("CUDA");
    assertThat(topics(out.get("hn:5"))).isEqualTo("CUDA");
    assertThat(out.get("hn:4").<Boolean>getAs(Columns.TOPICS_INHERITED)).isTrue();
    assertThat(out.get("hn:4").<scala.collection.Map<String, scala.collection.Seq<String>>>getAs(
        Columns.TOPIC_SOURCES).get("CUDA").get().mkString(",")).isEqualTo("inherited");
    assertThat(topics(out.get("hn:3"))).isEqualTo("CUDA");
    assertThat(out.get("hn:3").<Boolean>getAs(Columns.TOPICS_INHERITED)).isFalse();
    assertThat(out.get("hn:10").<String>getAs(Columns.STATUS)).isEqualTo("off_topic");
    assertThat(out.get("hn:1").<String>getAs(Columns.STATUS)).isEqualTo("pending");
  }

  @Test
  void withoutTheRootInTheInputTheThreadTitleTheExportGivesIsInherited() {
    Row titled = changed(post("hn:21", "hn:20", "hn:20"))
        .set(Columns.TOPICS_THREAD_TITLE, Columns.seq(List.of("tinygrad"))).build();
    List<Row> rows = List.of(titled, post("hn:22", "hn:21", "hn:20"),
        post("hn:31", "hn:30", "hn:30"));
    Map<String, Row> out = byId(Threads.resolve(frame(rows), Preparation.defaults(Window.ALL)));
    assertThat(topics(out.get("hn:21"))).isEqualTo("tinygrad");
    assertThat(out.get("hn:21").<Boolean>getAs(Columns.TOPICS_INHERITED)).isTrue();
    // hn:22 carries no title itself and its parent has no topics of its own: nothing to inherit
    assertThat(out.get("hn:22").<String>getAs(Columns.STATUS)).isEqualTo("off_topic");
    assertThat(out.get("hn:31").<String>getAs(Columns.STATUS)).isEqualTo("off_topic");
  }

  @Test
  void theNewestVersionOfAPostWinsWhateverItsPlace() {
    Row post = post("gh:1", null, "gh:1", "ROCm");
    Row older = changed(post)
        .set(Columns.VERSION, java.sql.Timestamp.from(java.time.Instant.parse("2026-11-19T00:00:00Z"))).build();
    Row newer = changed(post).set(Columns.SEQ, 5L) // later in the file, but newer
        .set(Columns.VERSION, java.sql.Timestamp.from(java.time.Instant.parse("2026-11-20T00:00:00Z"))).build();
    Map<Long, String> statusBySeq = new HashMap<>();
    for (Row r : Threads.resolve(frame(List.of(older, newer)), Preparation.defaults(Window.ALL)).collectAsList()) {
      statusBySeq.put(r.getAs(Columns.SEQ), r.getAs(Columns.STATUS));
    }
    assertThat(statusBySeq).containsEntry(5L, "pending").containsEntry(0L, "duplicate");
  }

  @Test
  void duplicatesKeepTheFirstByFileAndPosition() {
    Row first = post("hn:1", null, "hn:1", "ROCm");
    Row later = changed(first).set(Columns.FILE, "g").build();
    Map<String, Long> statuses = new HashMap<>();
    for (Row r : Threads.resolve(frame(List.of(later, first)), Preparation.defaults(Window.ALL)).collectAsList()) {
      statuses.merge(r.getAs(Columns.FILE) + ":" + r.getAs(Columns.STATUS), 1L, Long::sum);
    }
    assertThat(statuses).containsOnly(Map.entry("f:pending", 1L), Map.entry("g:duplicate", 1L));
  }

  @Test
  void theWalkInOneTaskGivesWhatTheWalkInSparkSqlGives() {
    List<Row> rows = new ArrayList<>(List.of(
        post("hn:1", null, "hn:1", "ROCm"),
        post("hn:2", "hn:1", null),
        post("hn:3", "hn:2", null, "CUDA"),
        post("hn:4", "hn:3", null),
        post("hn:12", "hn:11", null),
        post("hn:13", "hn:12", null),
        post("r:2", "r:1", "r:1"),
        post("r:3", "r:2", "r:1"),
        post("d:2", "d:1", null),
        post("x:1", null, null),
        post("x:2", "x:1", null)));
    for (int i = 1; i <= 30; i++) { // a chain deeper than the others, below a post with topics
      rows.add(post("deep:" + i, i == 1 ? "hn:3" : "deep:" + (i - 1), null));
    }
    // copies: the walk in one task picks the post among them, the walk in Spark SQL ranks them with a window
    Row versioned = post("gh:1", null, "gh:1", "ROCm");
    rows.addAll(List.of(
        copy(rows.get(2), "g", 0, null),              // hn:3 again, in a later file
        copy(rows.get(1), "f", 7, null),              // hn:2 again, later in the same file
        copy(rows.get(1), "e", 9, null),              // and in an earlier file
        copy(versioned, "f", 1, "2026-11-19T00:00:00Z"),
        copy(versioned, "f", 2, "2026-11-20T00:00:00.000001Z"),
        copy(versioned, "a", 0, null),
        copy(versioned, "f", 3, "2026-11-20T00:00:00Z")));
    Dataset<Row> input = frame(rows);
    List<String> inSpark = Threads.resolve(input, Preparation.defaults(Window.ALL), 0).collectAsList().stream()
        .map(Row::toString).sorted().toList();
    List<String> inOneTask = Threads.resolve(input, Preparation.defaults(Window.ALL), Threads.LOCAL_WALK_LIMIT).collectAsList().stream()
        .map(Row::toString).sorted().toList();
    assertThat(inOneTask).hasSize(rows.size()).isEqualTo(inSpark);
    Map<String, Long> duplicates = new HashMap<>();
    for (Row r : Threads.resolve(input, Preparation.defaults(Window.ALL)).collectAsList()) {
      if ("duplicate".equals(r.getAs(Columns.STATUS))) {
        duplicates.merge(r.getAs(Columns.POST_ID), 1L, Long::sum);
      } else {
        assertThat(r.<String>getAs(Columns.POSITION)).as(r.<String>getAs(Columns.POST_ID))
            .isIn("line hn:3", "e:9", "f:2", "line " + r.getAs(Columns.POST_ID));
      }
    }
    assertThat(duplicates).containsOnly(Map.entry("hn:3", 1L), Map.entry("hn:2", 2L), Map.entry("gh:1", 3L));
    Row deepest = byId(Threads.resolve(input, Preparation.defaults(Window.ALL))).get("deep:30");
    assertThat(deepest.<Integer>getAs(Columns.DEPTH)).isEqualTo(32); // hn:3 is at depth 2
    assertThat(topics(deepest)).isEqualTo("CUDA");
  }
}
