package io.moatwatch.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;

import io.moatwatch.output.ThreadDays;
import io.moatwatch.schema.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the {@code threads} table costs as the published posts grow (BENCHMARKS.md, "The threads table over a long
 * history"): {@link ThreadDays} takes the roots of threads that earlier runs wrote from the whole published
 * {@code posts} table, so a nightly run reads every earlier post's thread columns. Writes a synthetic history of
 * HISTORY posts (30 days, one thread root in ten, the columns the threads table reads filled, the others null) as
 * the posts table is partitioned, then builds the threads table of a finished run's posts (OUTPUT/posts) without
 * and with that history, five times each after a warm-up, and prints the medians. Run in the driver
 * ({@code local[2]} unless spark.master is set).
 *
 * <p>Usage: {@code ThreadRootsHistory OUTPUT HISTORY_DIR HISTORY}
 */
public final class ThreadRootsHistory {
  private static final int RUNS = 5;

  private ThreadRootsHistory() {}

  public static void main(String[] args) throws Exception {
    String output = args[0];
    String historyDir = args[1];
    long history = Long.parseLong(args[2]);
    SparkSession.Builder builder = SparkSession.builder().appName("thread-roots-history")
        .config("spark.ui.enabled", "false");
    if (System.getProperty("spark.master") == null) {
      builder.master("local[2]");
    }
    SparkSession spark = builder.getOrCreate();
    Dataset<Row> posts = spark.read().parquet(output + "/posts").withColumn(Columns.DT, col(Columns.DT).cast("string"));
    long t = System.nanoTime();
    spark.range(history).select(historyColumns(posts)).write().partitionBy(Columns.DT).parquet(historyDir);
    System.out.printf("history of %d posts written in %.1f s%n", history, (System.nanoTime() - t) / 1e9);
    Dataset<Row> earlier = spark.read().parquet(historyDir).withColumn(Columns.DT, col(Columns.DT).cast("string"));
    long rows = ThreadDays.build(posts, earlier).collectAsList().size(); // warm-up
    List<Double> without = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      without.add(seconds(() -> ThreadDays.build(posts, null).collectAsList()));
      with.add(seconds(() -> ThreadDays.build(posts, earlier).collectAsList()));
    }
    System.out.printf("threads table of %d posts (%d rows): %.2f s without history, %.2f s with %d earlier posts"
        + " (medians of %d)%n", posts.count(), rows, median(without), median(with), history, RUNS);
    spark.stop();
  }

  /** The posts table's columns over spark.range's ids: what the threads table reads filled, the rest null. */
  private static Column[] historyColumns(Dataset<Row> posts) {
    Column id = col("id");
    return Arrays.stream(posts.schema().fields()).map(f -> {
      String c = f.name();
      Column value = switch (c) {
        case Columns.POST_ID -> concat(lit("history:"), id.cast("string"));
        case Columns.THREAD_ID -> concat(lit("history:"), id.minus(id.mod(10)).cast("string"));
        case Columns.TITLE -> concat(lit("A thread about ROCm against CUDA on consumer cards, number "), id.cast("string"));
        case Columns.URL -> concat(lit("https://news.ycombinator.com/item?id="), id.cast("string"));
        case Columns.STATUS -> lit("ok");
        case Columns.SENTIMENT_SCORE -> rand(1).minus(0.5);
        case Columns.SENTIMENT_LABEL -> lit("neutral");
        case Columns.DT -> date_format(date_add(lit("2026-10-01").cast("date"), id.mod(30).cast("int")), "yyyy-MM-dd");
        default -> lit(null).cast(f.dataType());
      };
      return value.as(c);
    }).toArray(Column[]::new);
  }

  private static double seconds(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return (System.nanoTime() - t) / 1e9;
  }

  private static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
