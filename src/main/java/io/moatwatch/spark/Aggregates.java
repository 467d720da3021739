package io.moatwatch.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.nlp.SentimentMath;
import io.moatwatch.prepare.Status;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The aggregate tables, computed from the {@code posts} rows of this run. Column meanings: docs/OUTPUTS.md. */
final class Aggregates {
  private Aggregates() {}

  /** {@code topic_daily}: one row per day x topic x source, over scored posts. */
  static Dataset<Row> topicDaily(Dataset<Row> posts) {
    Dataset<Row> scored = posts
        .filter(col(Columns.STATUS).equalTo(Status.OK.label()))
        .withColumn("topic", explode(col(Columns.TOPICS)));
    Column p = col("positive");
    Column n = col("negative");
    Column total = col("posts");
    return scored
        .groupBy(col(Columns.DT), col("topic"), col(Columns.SOURCE))
        .agg(
            count(lit(1)).as("posts"),
            sum(when(not(col(Columns.TOPICS_INHERITED)), 1).otherwise(0)).as("posts_direct"),
            sum(col(Columns.N_SENTENCES_SCORED)).as("sentences"),
            countDistinct(col(Columns.AUTHOR)).as("authors"),
            countDistinct(col(Columns.THREAD_ID)).as("threads"),
            labelled(SentimentMath.POSITIVE).as("positive"),
            labelled(SentimentMath.NEUTRAL).as("neutral"),
            labelled(SentimentMath.NEGATIVE).as("negative"),
            avg(col(Columns.SENTIMENT_SCORE)).as("mean_score"))
        .withColumn("positive_share", p.divide(total))
        .withColumn("neutral_share", col("neutral").divide(total))
        .withColumn("negative_share", n.divide(total))
        .withColumn("net_sentiment", when(p.plus(n).gt(0), p.minus(n).divide(p.plus(n))))
        .withColumn("net_sentiment_all", p.minus(n).divide(total))
        .select("topic", "source", "posts", "posts_direct", "sentences", "authors", "threads", "positive",
            "neutral", "negative", "positive_share", "neutral_share", "negative_share", "mean_score",
            "net_sentiment", "net_sentiment_all", Columns.DT);
  }

  private static Column labelled(String label) {
    return sum(when(col(Columns.SENTIMENT_LABEL).equalTo(label), 1).otherwise(0)).cast("long");
  }
}
