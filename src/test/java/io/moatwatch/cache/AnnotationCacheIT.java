package io.moatwatch.cache;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.bench.CacheLookup;
import io.moatwatch.output.TableWriter;
import io.moatwatch.schema.Columns;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
 * The annotation cache's merge and lookup on a real local Spark session and real Parquet files: a run over
 * {@link Compaction#FAN_IN} published batches merges them into one sorted batch with every entry kept, and a
 * night's few keys then read a few pages of it, where the same lookup over the unmerged batches reads them all.
 * Entries are synthetic (random keys, short analyses), as {@code jobs/bench-cache-history.sh} writes them.
 */
@Order(Cost.SPARK)
class AnnotationCacheIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  private static final int PER_BATCH = 5000;
  private static final StructType ENTRY = new StructType().add(AnnotationCache.KEY, DataTypes.StringType)
      .add(AnnotationCache.ANALYSIS, DataTypes.StringType).add(AnnotationCache.BATCH, DataTypes.StringType);
  private static final StructType ANALYSED = new StructType().add(Columns.CACHE_KEY, DataTypes.StringType)
      .add(Columns.NEW_ANALYSIS, DataTypes.StringType);
  private static SparkSession spark;

  @TempDir
  Path out;

  @BeforeAll
  static void start() {
    spark = SPARK.session();
    AnnotationCache.sessionSettings().forEach(spark.conf()::set);
  }

  /** A cache key as the job makes them. */
  private static String key(String text) {
    return CacheKey.of("test pipeline", text);
  }

  private static String analysis(String key) {
    return "{\"sentences\":[],\"entities\":[],\"for\":\"" + key + "\"}";
  }

  /** Publishes {@code batches} earlier nights of {@link #PER_BATCH} entries; the last entry of each night is repeated by the next. */
  private Map<String, String> publishHistory(int batches) throws Exception {
    Map<String, String> all = new TreeMap<>();
    for (int b = 0; b < batches; b++) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < PER_BATCH; i++) {
        String k = key("entry-" + (b * (PER_BATCH - 1) + i));
        all.put(k, analysis(k));
        rows.add(RowFactory.create(k, analysis(k), "night" + b));
      }
      TableWriter w = new TableWriter(out.toString(), spark.sparkContext().hadoopConfiguration(), "night" + b);
      assertThat(w.stage(AnnotationCache.TABLE, spark.createDataFrame(rows, ENTRY).coalesce(1), AnnotationCache.BATCH,
          Set.of())).containsExactly("night" + b);
      w.commit("{}");
    }
    return all;
  }

  private Set<String> batchDirs() throws Exception {
    try (Stream<Path> dirs = Files.list(out.resolve(AnnotationCache.TABLE))) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("batch=")).collect(Collectors.toSet());
    }
  }

  private Dataset<Row> cache() throws Exception {
    return new TableWriter(out.toString(), spark.sparkContext().hadoopConfiguration(), "reader")
        .existing(spark, AnnotationCache.TABLE, AnnotationCache.BATCH, null);
  }

  private static Map<String, String> entries(Dataset<Row> rows) {
    Map<String, String> found = new TreeMap<>();
    rows.collectAsList().forEach(r -> found.put(r.getAs(AnnotationCache.KEY), r.getAs(AnnotationCache.ANALYSIS)));
    return found;
  }

  /** The run's new analyses (and a row that brought none), as the NLP stage hands them to the cache. */
  private Dataset<Row> night(String... texts) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (String t : texts) {
      rows.add(RowFactory.create(key(t), analysis(key(t))));
    }
    rows.add(RowFactory.create(key("served from the cache"), null));
    return spark.createDataFrame(rows, ANALYSED);
  }

  /** Runs {@link AnnotationCache#usable} for {@code keys}; returns the entries found and the rows the Parquet scan produced. */
  private Map.Entry<Map<String, String>, Long> lookUp(List<String> keys) throws Exception {
    Dataset<Row> wanted = spark.createDataFrame(keys.stream().map(k -> RowFactory.create(k)).toList(),
        new StructType().add("_wanted", DataTypes.StringType));
    Dataset<Row> found = AnnotationCache.usable(cache(), wanted, keys.size());
    Map<String, String> hits = entries(found); // collects found itself, so its plan's metrics are filled
    return Map.entry(hits, CacheLookup.rowsScanned(found));
  }

  @Test
  void aFullTierIsMergedIntoOneSortedBatchAndANightsLookupReadsAFewPagesOfIt() throws Exception {
    Map<String, String> history = publishHistory(Compaction.FAN_IN);
    assertThat(batchDirs()).hasSize(Compaction.FAN_IN);
    List<String> present = List.of(key("entry-17"), key("entry-20000"), key("entry-39000"));
    List<String> keys = new ArrayList<>(present);
    keys.add(key("never analysed"));
    keys.add(key("entry-" + (Compaction.FAN_IN * PER_BATCH)));

    // Before the merge: the same lookup finds the same entries but reads every batch whole.
    var unmerged = lookUp(keys);
    assertThat(unmerged.getKey()).containsOnlyKeys(present);
    assertThat(unmerged.getValue()).as("rows the scan read, unmerged").isEqualTo(history.size() + Compaction.FAN_IN - 1);

    TableWriter w = new TableWriter(out.toString(), spark.sparkContext().hadoopConfiguration(), "tonight");
    AnnotationCache.stage(spark, w, night("first new text", "second new text"), "tonight-1");
    w.commit("{}");

    assertThat(batchDirs()).containsExactlyInAnyOrder("batch=tonight-1", "batch=tonight-1-merged");
    Map<String, String> expected = new TreeMap<>(history);
    expected.put(key("first new text"), analysis(key("first new text")));
    expected.put(key("second new text"), analysis(key("second new text")));
    Dataset<Row> merged = cache();
    assertThat(merged.count()).as("no entry twice").isEqualTo(expected.size());
    assertThat(entries(merged)).isEqualTo(expected);
    assertThat(out.resolve("_staging")).doesNotExist();

    // Every file of the merged batch is sorted by key.
    try (Stream<Path> files = Files.list(out.resolve(AnnotationCache.TABLE).resolve("batch=tonight-1-merged"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        List<String> inFile = spark.read().parquet(file.toString()).select(AnnotationCache.KEY).collectAsList().stream()
            .map(r -> r.getString(0)).toList();
        assertThat(inFile).isSorted();
      }
    }

    // After it: the same keys, from at most a page of the merged batch each (plus the small fresh batch).
    var after = lookUp(keys);
    assertThat(after.getKey()).isEqualTo(unmerged.getKey());
    assertThat(after.getValue()).as("rows the scan read, merged")
        .isLessThanOrEqualTo(2L * keys.size() * AnnotationCache.MERGED_PAGE_ROWS + 2)
        .isLessThan(history.size() / 3);
  }

  @Test
  void aTierThatIsNotFullIsLeftAlone() throws Exception {
    Map<String, String> history = publishHistory(Compaction.FAN_IN - 1);
    TableWriter w = new TableWriter(out.toString(), spark.sparkContext().hadoopConfiguration(), "tonight");
    AnnotationCache.stage(spark, w, night("a new text"), "tonight-1");
    w.commit("{}");
    Set<String> expected = IntStream.range(0, Compaction.FAN_IN - 1).mapToObj(b -> "batch=night" + b)
        .collect(Collectors.toSet());
    expected.add("batch=tonight-1");
    assertThat(batchDirs()).isEqualTo(expected);
    assertThat(cache().filter(col(AnnotationCache.BATCH).equalTo("tonight-1")).count()).isEqualTo(1);
    assertThat(cache().count()).isEqualTo(history.size() + Compaction.FAN_IN - 2 + 1);
    assertThat(lookUp(List.of()).getKey()).as("a run with nothing to analyse finds nothing").isEmpty();
    assertThat(lookUp(List.of(key("a new text"), key("entry-3"))).getKey())
        .containsOnlyKeys(key("a new text"), key("entry-3"));
    // A night served wholly from the cache stages no batch of its own; the tier is full now, so it merges it: every
    // key kept once (the nights' repeated entries merged away).
    TableWriter quiet = new TableWriter(out.toString(), spark.sparkContext().hadoopConfiguration(), "quiet");
    AnnotationCache.stage(spark, quiet, night(), "quiet-1");
    quiet.commit("{}");
    assertThat(batchDirs()).containsExactly("batch=quiet-1-merged");
    assertThat(cache().count()).isEqualTo(history.size() + 1);
  }
}
