package io.moatwatch.output;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.schema.Status;
import io.moatwatch.stats.SentimentMath;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The {@code threads} table (docs/OUTPUTS.md): one row per day x thread with activity that day, with its root's
 * title, link and score from this run or an earlier one.
 */
public final class ThreadDays {
  private ThreadDays() {}

  /** Reads these columns of the posts table. */
  public static final Contract STAGE = new Contract("threads table", List.of(Columns.THREAD_ID, Columns.POST_ID,
      Columns.STATUS, Columns.SOURCE, Columns.COMMUNITY, Columns.TITLE, Columns.URL, Columns.TOPICS, Columns.AUTHOR,
      Columns.CREATED_AT, Columns.DT, Columns.SENTIMENT_SCORE, Columns.SENTIMENT_LABEL), List.of());

  /** The {@code threads} columns, in order. */
  public static final List<String> COLUMNS = List.of(Columns.THREAD_ID, Columns.SOURCE, Columns.COMMUNITY, "title", "url",
      Columns.TOPICS, "posts", "scored_posts", "authors", "first_at", "last_at", "root_known", "root_score",
      "root_label", "mean_reply_score", "score_stddev", "min_score", "max_score", "positive", "neutral",
      "negative", Columns.DT);

  /**
   * {@code threads}: one row per day x thread with activity that day (posts created that day), so nightly
   * runs add up without rewriting other days. The root's title, link and score come from this run's posts or,
   * when the root was written by an earlier run, from {@code earlierRoots} (rows of the posts table, or null).
   */
  public static Dataset<Row> build(Dataset<Row> posts, Dataset<Row> earlierRoots) {
    Column isRoot = col(Columns.POST_ID).equalTo(col(Columns.THREAD_ID));
    Column ok = col(Columns.STATUS).equalTo(Status.OK.label());
    Dataset<Row> roots = rootColumns(posts.filter(isRoot), 0);
    if (earlierRoots != null) {
      roots = roots.unionByName(rootColumns(earlierRoots.filter(isRoot), 1));
    }
    roots = roots
        .withColumn("r_rank", row_number().over(Window.partitionBy("r_id").orderBy(col("r_pref"))))
        .filter(col("r_rank").equalTo(1));

    Column score = col(Columns.SENTIMENT_SCORE);
    Column replyScore = when(ok.and(not(isRoot)), score);
    Dataset<Row> perDay = posts
        .filter(col(Columns.THREAD_ID).isNotNull())
        .groupBy(col(Columns.DT), col(Columns.THREAD_ID))
        .agg(
            earliest(Columns.SOURCE).as(Columns.SOURCE),
            earliest(Columns.COMMUNITY).as(Columns.COMMUNITY),
            earliest(Columns.TITLE).as("any_title"),
            earliest(Columns.URL).as("any_url"),
            sort_array(array_distinct(flatten(collect_list(col(Columns.TOPICS))))).as(Columns.TOPICS),
            count(lit(1)).as("posts"),
            sum(when(ok, 1).otherwise(0)).cast("long").as("scored_posts"),
            countDistinct(col(Columns.AUTHOR)).as("authors"),
            min(col(Columns.CREATED_AT)).as("first_at"),
            max(col(Columns.CREATED_AT)).as("last_at"),
            avg(replyScore).as("mean_reply_score"),
            stddev_pop(when(ok, score)).as("score_stddev"),
            min(when(ok, score)).as("min_score"),
            max(when(ok, score)).as("max_score"),
            Aggregation.labelled(when(ok, col(Columns.SENTIMENT_LABEL)), SentimentMath.POSITIVE).as("positive"),
            Aggregation.labelled(when(ok, col(Columns.SENTIMENT_LABEL)), SentimentMath.NEUTRAL).as("neutral"),
            Aggregation.labelled(when(ok, col(Columns.SENTIMENT_LABEL)), SentimentMath.NEGATIVE).as("negative"));
    return perDay
        .join(roots, col(Columns.THREAD_ID).equalTo(col("r_id")), "left")
        .withColumn("title", when(col("r_id").isNotNull(), col("r_title")).otherwise(col("any_title")))
        .withColumn("url", when(col("r_id").isNotNull(), col("r_url")).otherwise(col("any_url")))
        .withColumn("root_known", col("r_id").isNotNull())
        .withColumn("root_score", col("r_score"))
        .withColumn("root_label", col("r_label"))
        .select(Columns.cols(COLUMNS));
  }

  /** The non-null value of the earliest post (then smallest id) in the group: the same however Spark splits it. */
  private static Column earliest(String column) {
    return min(when(col(column).isNotNull(), struct(col(Columns.CREATED_AT), col(Columns.POST_ID), col(column))))
        .getField(column);
  }

  private static Dataset<Row> rootColumns(Dataset<Row> roots, int preference) {
    Column ok = col(Columns.STATUS).equalTo(Status.OK.label());
    return roots.select(col(Columns.POST_ID).as("r_id"), col(Columns.TITLE).as("r_title"),
        col(Columns.URL).as("r_url"), when(ok, col(Columns.SENTIMENT_SCORE)).as("r_score"),
        when(ok, col(Columns.SENTIMENT_LABEL)).as("r_label"), lit(preference).as("r_pref"));
  }

}
