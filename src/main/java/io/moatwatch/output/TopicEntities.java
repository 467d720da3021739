package io.moatwatch.output;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.prepare.topics.Topic;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.stats.SentimentMath;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code topic_entities} table (docs/OUTPUTS.md): which products, companies and people drive each topic's
 * sentiment, from the sentences that mention them.
 */
public final class TopicEntities {
  private TopicEntities() {}

  /** Reads these columns of the posts table. */
  public static final Contract STAGE = new Contract("topic_entities", List.of(Columns.TOPICS, Columns.STATUS, Columns.DT,
      Columns.POST_ID, Columns.ENTITIES, Columns.SENTENCES, Columns.SENTIMENT_SCORE), List.of());

  /** The {@code topic_entities} columns, in order. */
  public static final List<String> COLUMNS = List.of("topic", "entity", "type", "kind", "vendor", "family", "arch",
      "belongs_to_topic", "mentions", "code_mentions", "posts", "sentences", "positive", "neutral", "negative", "mean_score", "net_sentiment", "post_mean_score",
      "example_positive", "example_negative", "net_sentiment_low", "net_sentiment_high", "low_volume", Columns.DT);

  /**
   * {@code topic_entities}: one row per day x topic x entity (canonical name and type) over the scored posts
   * about the topic, with the entity's kind, vendor, family and architecture where known. Mentions and posts
   * count every mention, in the prose and in code or log lines ({@code code_mentions}); sentence figures are over
   * the distinct scored sentences that mention the entity; the net sentiment has a 95 % interval, and fewer than
   * {@code lowVolume} sentences flag the row {@code low_volume}.
   */
  public static Dataset<Row> build(SparkSession spark, Dataset<Row> posts, TopicSet topics, int lowVolume) {
    Dataset<Row> mentions = Aggregation.scored(posts)
        .withColumn("topic", explode(col(Columns.TOPICS)))
        .withColumn("e", explode(col(Columns.ENTITIES)))
        // An entity found in code or log lines belongs to no sentence (-1): it counts for the post, not for sentiment.
        .withColumn("s", when(col("e.sentence").geq(0), element_at(col(Columns.SENTENCES), col("e.sentence").plus(1))))
        .select(col(Columns.DT), col("topic"), col("e.canonical").as("entity"), col("e.type").as("type"),
            col("e.kind").as("kind"), col("e.vendor").as("vendor"), col("e.family").as("family"),
            col("e.arch").as("arch"), col("e.found_in").as("found_in"),
            col(Columns.POST_ID), col("e.sentence").as("sentence"), col("s.score").as("score"),
            col("s.label").as("label"), col("s.text").as("text"), col(Columns.SENTIMENT_SCORE));
    // One row per sentence that mentions the entity, with how often it does.
    Dataset<Row> perSentence = mentions
        .groupBy(Columns.DT, "topic", "entity", "type", Columns.POST_ID, "sentence")
        .agg(count(lit(1)).as("n"), first("score").as("score"), first("label").as("label"),
            first("text").as("text"), first(Columns.SENTIMENT_SCORE).as("post_score"),
            sum(when(col("found_in").equalTo("code"), 1).otherwise(0)).as("in_code"),
            first("kind", true).as("kind"), first("vendor", true).as("vendor"), first("family", true).as("family"),
            first("arch", true).as("arch"));
    Column score = col("score");
    Column label = col("label");
    Column positive = label.equalTo(SentimentMath.POSITIVE);
    Column negative = label.equalTo(SentimentMath.NEGATIVE);
    Dataset<Row> byEntity = perSentence
        .groupBy(Columns.DT, "topic", "entity", "type")
        .agg(
            sum("n").cast("long").as("mentions"),
            sum("in_code").cast("long").as("code_mentions"),
            first("kind", true).as("kind"), first("vendor", true).as("vendor"), first("family", true).as("family"),
            first("arch", true).as("arch"),
            countDistinct(col(Columns.POST_ID)).as("posts"),
            count(score).as("sentences"),
            Aggregation.labelled(label, SentimentMath.POSITIVE).as("positive"),
            Aggregation.labelled(label, SentimentMath.NEUTRAL).as("neutral"),
            Aggregation.labelled(label, SentimentMath.NEGATIVE).as("negative"),
            avg(score).as("mean_score"),
            max_by(when(positive, col("text")), when(positive, score)).as("example_positive"),
            min_by(when(negative, col("text")), when(negative, score)).as("example_negative"))
        .withColumn("net_sentiment", Aggregation.net(col("positive"), col("negative")))
        .withColumn("low_volume", col("sentences").lt(lowVolume));
    byEntity = Certainty.withNetInterval(byEntity, "net_sentiment", col("positive"), col("negative"));
    // The post-level mean counts each post once.
    Dataset<Row> postScores = perSentence
        .groupBy(Columns.DT, "topic", "entity", "type", Columns.POST_ID).agg(first("post_score").as("post_score"))
        .groupBy(col(Columns.DT).as("q_dt"), col("topic").as("q_topic"), col("entity").as("q_entity"),
            col("type").as("q_type"))
        .agg(avg("post_score").as("post_mean_score"));
    Dataset<Row> belongs = memberships(spark, topics);
    return byEntity
        .join(postScores, col(Columns.DT).equalTo(col("q_dt")).and(col("topic").equalTo(col("q_topic")))
            .and(col("entity").equalTo(col("q_entity"))).and(col("type").equalTo(col("q_type"))), "left")
        .join(belongs, col("topic").equalTo(col("m_topic")).and(col("entity").equalTo(col("m_entity"))), "left")
        .withColumn("belongs_to_topic", col("m_topic").isNotNull())
        .select(Columns.cols(COLUMNS));
  }

  /** (topic, entity) pairs from the topics file's {@code entities} keys. */
  private static Dataset<Row> memberships(SparkSession spark, TopicSet topics) {
    List<Row> rows = new ArrayList<>();
    for (Topic t : topics.topics()) {
      for (String e : t.entityNames()) {
        rows.add(RowFactory.create(t.name(), e));
      }
    }
    StructType schema = new StructType()
        .add("m_topic", DataTypes.StringType, false)
        .add("m_entity", DataTypes.StringType, false);
    return spark.createDataFrame(rows, schema);
  }

}
