package io.moatwatch.output;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.stats.SentimentMath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code topic_daily} table (docs/OUTPUTS.md): one row per day x topic x source over the scored posts, with
 * post-level, mention-level and CoreNLP-level sentiment and the change against the day before.
 */
public final class TopicDaily {
  private TopicDaily() {}

  /** Reads these columns of the posts table. */
  public static final Contract STAGE = new Contract("topic_daily", List.of(Columns.TOPICS, Columns.TOPICS_INHERITED,
      Columns.STATUS, Columns.SOURCE, Columns.DT, Columns.AUTHOR, Columns.THREAD_ID, Columns.N_SENTENCES,
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

  /** The columns that are counts (long); {@code low_volume} is a boolean, topic, source and dt strings, the rest doubles. */
  private static final Set<String> LONGS = Set.of("posts", "posts_direct", "sentences", "authors", "threads",
      "positive", "neutral", "negative", "mention_sentences", "mention_positive", "mention_neutral", "mention_negative",
      "posts_prev", "posts_change", "corenlp_positive", "corenlp_neutral", "corenlp_negative");
  private static final Set<String> STRINGS = Set.of("topic", "source", Columns.DT);
  /** The columns that are never null, as the table was written before its figures were made on the driver. */
  private static final Set<String> NOT_NULL = Set.of("topic", "posts", "authors", "threads", "mention_sentences",
      "mention_positive", "mention_neutral", "mention_negative", "low_volume");

  /** The table's schema, {@link #COLUMNS} in order. */
  private static final StructType SCHEMA = schema();

  /**
   * {@code topic_daily}: one row per day x topic x source, over scored posts, with the change against the
   * previous day taken from this run's rows or, for the first day of the run, from {@code previousDay} (the
   * already written rows of the day before, or null). Counts, shares and net sentiment use each topic's own label
   * ({@link Columns#TOPIC_SENTIMENT}: the post's, or the reading toward the topic of a post naming several); every
   * share and net sentiment has a 95 % interval; a row with fewer than {@code lowVolume} posts is flagged
   * {@code low_volume}; with the label model's validation {@code confusion} matrix (rows true, columns predicted,
   * negative / neutral / positive; null without a model) the shares are also corrected for the model's known
   * errors ({@code adjusted_*}).
   *
   * <p>Spark counts (two group-bys over the posts); the figures are made from the counts on the driver
   * ({@link DailyFigures}), and the rows come back as a small local table.
   */
  public static Dataset<Row> build(Dataset<Row> posts, Dataset<Row> previousDay, int lowVolume, long[][] confusion) {
    List<DailyFigures.Counts> counts = new ArrayList<>();
    for (Row r : postCounts(posts).collectAsList()) {
      counts.add(new DailyFigures.Counts(key(r), r.getAs("posts"), r.getAs("posts_direct"), r.getAs("sentences"),
          r.getAs("authors"), r.getAs("threads"), r.getAs("positive"), r.getAs("neutral"), r.getAs("negative"),
          r.getAs("mean_score"), r.getAs("corenlp_positive"), r.getAs("corenlp_neutral"), r.getAs("corenlp_negative"),
          r.getAs("corenlp_mean_score")));
    }
    Map<DailyFigures.Key, DailyFigures.Mentions> mentions = new HashMap<>();
    for (Row r : mentionCounts(posts).collectAsList()) {
      mentions.put(key(r), new DailyFigures.Mentions(r.getAs("mention_sentences"), r.getAs("mention_positive"),
          r.getAs("mention_neutral"), r.getAs("mention_negative"), r.getAs("mention_mean_score")));
    }
    Map<DailyFigures.Key, DailyFigures.Previous> before = new HashMap<>();
    if (previousDay != null) {
      for (Row r : previousDay.select(col(Columns.DT).cast("string").as(Columns.DT), col("topic"), col(Columns.SOURCE),
          col("posts"), col("net_sentiment"), col("mean_score")).collectAsList()) {
        before.put(key(r), new DailyFigures.Previous(r.getAs("posts"), r.getAs("net_sentiment"), r.getAs("mean_score")));
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Map<String, Object> figures : DailyFigures.rows(counts, mentions, before, lowVolume, confusion)) {
      rows.add(RowFactory.create(figures.values().toArray()));
    }
    return posts.sparkSession().createDataFrame(rows, SCHEMA);
  }

  private static DailyFigures.Key key(Row r) {
    return new DailyFigures.Key(r.getAs(Columns.DT), r.getAs("topic"), r.getAs(Columns.SOURCE));
  }

  private static StructType schema() {
    StructType schema = new StructType();
    for (String c : COLUMNS) {
      schema = schema.add(c, STRINGS.contains(c) ? DataTypes.StringType : LONGS.contains(c) ? DataTypes.LongType
          : c.equals("low_volume") ? DataTypes.BooleanType : DataTypes.DoubleType, !NOT_NULL.contains(c));
    }
    return schema;
  }

  /** Post level: one row per day x topic x source, each post counted once per topic with that topic's label. */
  private static Dataset<Row> postCounts(Dataset<Row> posts) {
    return Aggregation.scored(posts).withColumn("t", explode(col(Columns.TOPIC_SENTIMENT)))
        .withColumn("topic", col("t.topic"))
        .groupBy(col(Columns.DT), col("topic"), col(Columns.SOURCE))
        .agg(
            count(lit(1)).as("posts"),
            sum(when(not(col(Columns.TOPICS_INHERITED)), 1).otherwise(0)).cast("long").as("posts_direct"),
            // every sentence of the posts, scored or not: a volume that no labelling setting moves
            sum(col(Columns.N_SENTENCES)).cast("long").as("sentences"),
            countDistinct(col(Columns.AUTHOR)).as("authors"),
            countDistinct(col(Columns.THREAD_ID)).as("threads"),
            Aggregation.labelled(col("t.label"), SentimentMath.POSITIVE).as("positive"),
            Aggregation.labelled(col("t.label"), SentimentMath.NEUTRAL).as("neutral"),
            Aggregation.labelled(col("t.label"), SentimentMath.NEGATIVE).as("negative"),
            avg(col("t.score")).as("mean_score"),
            Aggregation.labelled(col(Columns.CORENLP_LABEL), SentimentMath.POSITIVE).as("corenlp_positive"),
            Aggregation.labelled(col(Columns.CORENLP_LABEL), SentimentMath.NEUTRAL).as("corenlp_neutral"),
            Aggregation.labelled(col(Columns.CORENLP_LABEL), SentimentMath.NEGATIVE).as("corenlp_negative"),
            avg(col(Columns.CORENLP_SCORE)).as("corenlp_mean_score"));
  }

  /**
   * Mention level: only the scored sentences that name the topic themselves, each with the topic's label in it (the
   * sentence's own, or its reading toward the topic when it names several).
   */
  private static Dataset<Row> mentionCounts(Dataset<Row> posts) {
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
            avg(col("m.score")).as("mention_mean_score"));
  }
}
