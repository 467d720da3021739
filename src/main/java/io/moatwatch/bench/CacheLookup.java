package io.moatwatch.bench;

import io.moatwatch.cache.AnnotationCache;
import io.moatwatch.output.TableWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The annotation cache's lookup alone (BENCHMARKS.md, "The cache over a long history"), on an output that
 * {@code jobs/bench-cache-history.sh} wrote: looks up KEYS keys of its synthetic history (evenly spread, so
 * present, each in its own part of the key range) the two ways {@link AnnotationCache#usable} can, by value
 * (pushed down to Parquet) and by a broadcast semi-join over the whole cache, five times each after a warm-up,
 * and prints the median seconds and, by value, the entries the Parquet scan read. Run in the driver
 * ({@code local[2]} unless spark.master is set).
 *
 * <p>Usage: {@code CacheLookup OUTPUT HISTORY_ENTRIES KEYS}
 */
public final class CacheLookup {
  private static final int RUNS = 5;

  private CacheLookup() {}

  public static void main(String[] args) throws Exception {
    String output = args[0];
    long history = Long.parseLong(args[1]);
    int count = Integer.parseInt(args[2]);
    SparkSession.Builder builder = SparkSession.builder().appName("cache-lookup").config("spark.ui.enabled", "false");
    if (System.getProperty("spark.master") == null) {
      builder.master("local[2]");
    }
    AnnotationCache.sessionSettings().forEach(builder::config); // as the job's session has them
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Dataset<Row> cache = new TableWriter(output, spark.sparkContext().hadoopConfiguration(), "cache-lookup")
        .existing(spark, AnnotationCache.TABLE, "batch", null);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    List<Row> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // the keys jobs/bench-cache-history.sh gave its synthetic history
      String text = "history-" + (history * i / count);
      keys.add(RowFactory.create(HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)))));
    }
    Dataset<Row> wanted = spark.createDataFrame(keys, new StructType().add("_wanted", DataTypes.StringType)).cache();
    wanted.count();
    long entries = cache.count();
    for (boolean byValue : new boolean[] {true, false}) {
      long pending = byValue ? count : Math.max(count, 1001); // past AnnotationCache's by-value limit
      double[] seconds = new double[RUNS];
      long found = 0;
      long read = 0;
      for (int run = -1; run < RUNS; run++) {
        long start = System.nanoTime();
        Dataset<Row> hits = AnnotationCache.usable(cache, wanted, pending);
        found = hits.collectAsList().size();
        if (run >= 0) {
          seconds[run] = (System.nanoTime() - start) / 1e9;
        }
        read = rowsScanned(hits);
      }
      Arrays.sort(seconds);
      System.out.printf("%-10s %,14d entries, %d keys: %d found, median %.2f s (%.2f-%.2f), %s%n",
          byValue ? "by value" : "semi-join", entries, count, found, seconds[RUNS / 2], seconds[0], seconds[RUNS - 1],
          byValue ? String.format("%,d entries read", read) : "every entry's key read");
    }
    spark.stop();
  }

  /**
   * The rows the file scans of {@code executed}'s plan produced, once it has run (visible when the plan has no
   * shuffle, as a lookup by value has none); {@code AnnotationCacheIT} asserts on it.
   */
  public static long rowsScanned(Dataset<Row> executed) {
    long rows = 0;
    for (SparkPlan leaf : CollectionConverters.asJava(executed.queryExecution().executedPlan().collectLeaves())) {
      SQLMetric metric = leaf.metrics().get("numOutputRows").getOrElse(() -> null);
      if (metric != null) {
        rows += metric.value();
      }
    }
    return rows;
  }
}
