package io.moatwatch.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.schema.Status;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Driver-only: stages a run's tables from its analysed rows: {@code posts} (the rows written to it, with the run
 * id), then {@code topic_daily}, {@code topic_entities} and {@code threads} from the posts, and {@code rejects}.
 * Each day-partitioned table replaces the days the run has posts for and every day of a bounded window (a day
 * without posts any more loses its old rows). Nothing is visible until {@link TableWriter#commit}.
 */
public final class Tables {
  /** {@code posts}: selects the posts table's columns and adds the run id; the tables after it read the posts. */
  public static final Contract POSTS = new Contract("posts",
      Columns.POSTS.stream().filter(c -> !c.equals(Columns.RUN_ID)).toList(), List.of(Columns.RUN_ID));
  /** What the tables read, in the order they are made. */
  public static final List<Contract> CONTRACTS = List.of(POSTS, TopicDaily.STAGE, TopicEntities.STAGE,
      ThreadDays.STAGE, Rejects.STAGE);

  /**
   * What the tables depend on besides the rows.
   *
   * @param runId      the run's id, a column of every table
   * @param windowDays the days of a bounded window (every one is replaced), else empty
   * @param lowVolume  aggregate rows with fewer posts (or sentences) are flagged {@code low_volume}
   * @param topics     the run's topics (topic_entities marks a topic's own entities)
   * @param confusion  the label model's validation confusion matrix, or null (no prevalence correction)
   */
  public record Settings(String runId, Set<String> windowDays, int lowVolume, TopicSet topics, long[][] confusion) {}

  private Tables() {}

  /** Stages every table; returns the days the posts table has rows for. */
  public static Set<String> stage(SparkSession spark, TableWriter writer, Dataset<Row> analysed, Settings settings)
      throws IOException {
    Dataset<Row> posts = analysed
        .filter(col(Columns.STATUS).isin(Arrays.stream(Status.values())
            .filter(s -> s.writtenToPosts() && s != Status.PENDING).map(Status::label).toArray()))
        .withColumn(Columns.RUN_ID, lit(settings.runId()))
        .select(Columns.cols(Columns.POSTS))
        .persist(StorageLevel.MEMORY_AND_DISK());
    // The days the posts have are the partitions their write makes (their published days are replaced too).
    Set<String> postDays = writer.stage("posts", posts, Columns.DT, settings.windowDays());
    TreeSet<String> replaced = new TreeSet<>(postDays);
    replaced.addAll(settings.windowDays());
    // The day before this run's first, as published (staging changes nothing published), for topic_daily's
    // day-over-day change.
    Dataset<Row> dayBefore = replaced.isEmpty() ? null : writer.existing(spark, "topic_daily", Columns.DT,
        LocalDate.parse(replaced.first()).minusDays(1).toString());
    Dataset<Row> previousDay = dayBefore == null ? null : dayBefore.localCheckpoint();
    // Thread roots written by earlier runs (other days), for the threads table's root title and score.
    Dataset<Row> written = writer.existing(spark, "posts", Columns.DT, null);
    Dataset<Row> earlierRoots = written == null ? null : written.filter(not(col(Columns.DT).isin(replaced.toArray())));
    aggregate(writer, "topic_daily", TopicDaily.build(posts, previousDay, settings.lowVolume(), settings.confusion()),
        settings.runId(), replaced);
    aggregate(writer, "topic_entities", TopicEntities.build(spark, posts, settings.topics(), settings.lowVolume()),
        settings.runId(), replaced);
    aggregate(writer, "threads", ThreadDays.build(posts, earlierRoots), settings.runId(), replaced);
    posts.unpersist();
    writer.stage("rejects", Rejects.build(analysed, settings.runId()), Columns.RUN_ID, Set.of(settings.runId()));
    return postDays;
  }

  /** Writes one day-partitioned aggregate with the run id, replacing the run's days. */
  private static void aggregate(TableWriter writer, String table, Dataset<Row> rows, String runId,
      Set<String> replaced) throws IOException {
    writer.stage(table, rows.withColumn(Columns.RUN_ID, lit(runId)), Columns.DT, replaced);
  }
}
