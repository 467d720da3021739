package io.moatwatch.output;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.stats.SentimentMath;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The {@code topic_daily} table (docs/OUTPUTS.md): one row per day x topic x source over the scored posts, with
 * post-level, mention-level and CoreNLP-level sentiment and the change against the day before.
 */
public final class TopicDaily {
  private TopicDaily() {}

  /** Reads these columns of the posts table. */
  public static final Contract STAGE = new Contract("topic_daily", List.of(Columns.TOPICS, Columns.TOPICS_INHERITED,
      Columns.STATUS, Columns.SOURCE, Columns.DT, Columns.AUTHOR, Columns.THREAD_ID, Columns.N_SENTENCES_SCORED,
      Columns.TOPIC_SENTIMENT, Columns.CORENLP_LABEL, Columns.CORENLP_SCORE, Columns.SENTENCES), List.of());

  /** The {@code topic_daily} columns, in order ({@code dt} last, the partition column). */
  public static final List<String> COLUMNS = List.of("topic", "source", "posts", "posts_direct", "sentences", "authors",
      "threads", "positive", "neutral", "negative", "positive_share", "neutral_share", "negative_share",
      "mean_score", "net_sentiment", "net_sentiment_all", "share_of_voice", "share_of_voice_all_sources",
      "mention_sentences", "mention_positive", "mention_neutral", "mention_negative", "mention_mean_score",
      "mention_net_sentiment", "posts_prev", "posts_change", "net_sentiment_prev", "net_sentiment_change",
      "mean_score_change", "corenlp_positive", "corenlp_neutral", "corenlp_negative", "corenlp_mean_score",
      "corenlp_net_sentiment", "low_volume", "positive_share_low", "positive_share_high", "neutral_share_low",
      "neutral_share_high", "negative_share_low", "negative_share_high", "net_sentiment_low", "net_sentiment_high",
      "mention_net_sentiment_low", "mention_net_sentiment_high", "mention_positive_share",
      "mention_positive_share_low", "mention_positive_share_high", "mention_neutral_share", "mention_neutral_share_low",
      "mention_neutral_share_high", "mention_negative_share", "mention_negative_share_low",
      "mention_negative_share_high", "adjusted_positive_share",
      "adjusted_positive_share_low", "adjusted_positive_share_high", "adjusted_neutral_share",
      "adjusted_neutral_share_low", "adjusted_neutral_share_high", "adjusted_negative_share",
      "adjusted_negative_share_low", "adjusted_negative_share_high", "adjusted_net_sentiment", Columns.DT);

  /**
   * {@code topic_daily}: one row per day x topic x source, over scored posts, with the change against the
   * previous day taken from this run's rows or, for the first day of the run, from {@code previousDay} (the
   * already written rows of the day before, or null). Counts, shares and net sentiment use each topic's own label
   * ({@link Columns#TOPIC_SENTIMENT}: the post's, or the reading toward the topic of a post naming several); every
   * share and net sentiment has a 95 % interval; a row with fewer than {@code lowVolume} posts is flagged
   * {@code low_volume}; with the label model's validation {@code confusion} matrix (rows true, columns predicted,
   * negative / neutral / positive; null without a model) the shares are also corrected for the model's known
   * errors ({@code adjusted_*}).
   */
  public static Dataset<Row> build(Dataset<Row> posts, Dataset<Row> previousDay, int lowVolume, long[][] confusion) {
    Dataset<Row> base = withShareOfVoice(postLevel(posts, lowVolume, confusion));
    // Renamed keys: both sides come from the same posts, and Spark would take dt == dt for always true.
    Dataset<Row> withMentions = base.join(mentionLevel(posts), col(Columns.DT).equalTo(col("m_dt"))
            .and(col("topic").equalTo(col("m_topic"))).and(col(Columns.SOURCE).equalTo(col("m_source"))), "left")
        .drop("m_dt", "m_topic", "m_source")
        .na().fill(0L, new String[] {"mention_sentences", "mention_positive", "mention_neutral", "mention_negative"});
    withMentions = Certainty.withNetInterval(withMentions, "mention_net_sentiment", col("mention_positive"),
        col("mention_negative"));
    withMentions = Certainty.withShares(withMentions, "mention_", col("mention_sentences"));
    return withChange(withMentions, previousDay).select(Columns.cols(COLUMNS));
  }

  /** Post level: one row per day x topic x source, each post counted once per topic with that topic's label. */
  private static Dataset<Row> postLevel(Dataset<Row> posts, int lowVolume, long[][] confusion) {
    Dataset<Row> scored = Aggregation.scored(posts).withColumn("t", explode(col(Columns.TOPIC_SENTIMENT)))
        .withColumn("topic", col("t.topic"));
    Column p = col("positive");
    Column n = col("negative");
    Column total = col("posts");
    Dataset<Row> base = scored
        .groupBy(col(Columns.DT), col("topic"), col(Columns.SOURCE))
        .agg(
            count(lit(1)).as("posts"),
            sum(when(not(col(Columns.TOPICS_INHERITED)), 1).otherwise(0)).cast("long").as("posts_direct"),
            sum(col(Columns.N_SENTENCES_SCORED)).cast("long").as("sentences"),
            countDistinct(col(Columns.AUTHOR)).as("authors"),
            countDistinct(col(Columns.THREAD_ID)).as("threads"),
            Aggregation.labelled(col("t.label"), SentimentMath.POSITIVE).as("positive"),
            Aggregation.labelled(col("t.label"), SentimentMath.NEUTRAL).as("neutral"),
            Aggregation.labelled(col("t.label"), SentimentMath.NEGATIVE).as("negative"),
            avg(col("t.score")).as("mean_score"),
            Aggregation.labelled(col(Columns.CORENLP_LABEL), SentimentMath.POSITIVE).as("corenlp_positive"),
            Aggregation.labelled(col(Columns.CORENLP_LABEL), SentimentMath.NEUTRAL).as("corenlp_neutral"),
            Aggregation.labelled(col(Columns.CORENLP_LABEL), SentimentMath.NEGATIVE).as("corenlp_negative"),
            avg(col(Columns.CORENLP_SCORE)).as("corenlp_mean_score"))
        .withColumn("net_sentiment", Aggregation.net(p, n))
        .withColumn("net_sentiment_all", p.minus(n).divide(total))
        .withColumn("corenlp_net_sentiment", Aggregation.net(col("corenlp_positive"), col("corenlp_negative")))
        .withColumn("low_volume", total.lt(lowVolume));
    base = Certainty.withShares(base, "", total);
    base = Certainty.withNetInterval(base, "net_sentiment", p, n);
    base = Certainty.withAdjustedShares(base, n, col("neutral"), p, confusion);
    return base.withColumn("adjusted_net_sentiment",
        Aggregation.net(col("adjusted_positive_share"), col("adjusted_negative_share")));
  }

  private static Dataset<Row> withShareOfVoice(Dataset<Row> base) {
    Column total = col("posts");
    WindowSpec daySource = Window.partitionBy(Columns.DT, Columns.SOURCE);
    WindowSpec dayTopic = Window.partitionBy(Columns.DT, "topic");
    WindowSpec day = Window.partitionBy(Columns.DT);
    return base
        .withColumn("share_of_voice", total.divide(sum(total).over(daySource)))
        .withColumn("share_of_voice_all_sources", sum(total).over(dayTopic).divide(sum(total).over(day)));
  }

  /**
   * Mention level: only the scored sentences that name the topic themselves, each with the topic's label in it (the
   * sentence's own, or its reading toward the topic when it names several).
   */
  private static Dataset<Row> mentionLevel(Dataset<Row> posts) {
    return Aggregation.sentences(Aggregation.scored(posts))
        .filter(col("s.score").isNotNull())
        .withColumn("m", explode(col("s.topic_sentiment")))
        .withColumn("topic", col("m.topic"))
        .groupBy(col(Columns.DT), col("topic"), col(Columns.SOURCE))
        .agg(
            count(lit(1)).as("mention_sentences"),
            Aggregation.labelled(col("m.label"), SentimentMath.POSITIVE).as("mention_positive"),
            Aggregation.labelled(col("m.label"), SentimentMath.NEUTRAL).as("mention_neutral"),
            Aggregation.labelled(col("m.label"), SentimentMath.NEGATIVE).as("mention_negative"),
            avg(col("m.score")).as("mention_mean_score"))
        .withColumn("mention_net_sentiment", Aggregation.net(col("mention_positive"), col("mention_negative")))
        .withColumnRenamed(Columns.DT, "m_dt").withColumnRenamed("topic", "m_topic")
        .withColumnRenamed(Columns.SOURCE, "m_source");
  }

  /** The change against the previous day, for the same topic and source. */
  private static Dataset<Row> withChange(Dataset<Row> rows, Dataset<Row> previousDay) {
    Dataset<Row> prev = rows.select(Columns.DT, "topic", Columns.SOURCE, "posts", "net_sentiment", "mean_score");
    if (previousDay != null) {
      prev = prev.unionByName(previousDay.select(col(Columns.DT).cast("string").as(Columns.DT), col("topic"),
          col(Columns.SOURCE), col("posts"), col("net_sentiment"), col("mean_score")));
    }
    prev = prev.select(col(Columns.DT).as("p_dt"), col("topic").as("p_topic"), col(Columns.SOURCE).as("p_source"),
        col("posts").as("posts_prev"), col("net_sentiment").as("net_sentiment_prev"),
        col("mean_score").as("mean_score_prev"));
    Column dayBefore = date_sub(to_date(col(Columns.DT)), 1).cast("string");
    return rows
        .join(prev, dayBefore.equalTo(col("p_dt")).and(col("topic").equalTo(col("p_topic")))
            .and(col(Columns.SOURCE).equalTo(col("p_source"))), "left")
        .withColumn("posts_change", col("posts").minus(col("posts_prev")))
        .withColumn("net_sentiment_change", col("net_sentiment").minus(col("net_sentiment_prev")))
        .withColumn("mean_score_change", col("mean_score").minus(col("mean_score_prev")));
  }
}
