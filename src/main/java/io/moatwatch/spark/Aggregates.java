package io.moatwatch.spark;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.nlp.SentimentMath;
import io.moatwatch.prepare.Status;
import io.moatwatch.topics.Topic;
import io.moatwatch.topics.TopicSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The aggregate tables, computed from the {@code posts} rows of this run (column meanings: docs/OUTPUTS.md).
 * Post-level sentiment uses each post's label ({@code sentiment_label}: the label model's by default);
 * mention-level and entity sentiment use the sentences' labels (the same labeller, per sentence). CoreNLP's own
 * post-level figures stay beside them in {@code topic_daily} ({@code corenlp_*}), so the two can be compared.
 */
final class Aggregates {
  private Aggregates() {}

  /** The {@code topic_daily} columns, in order ({@code dt} last, the partition column). */
  static final List<String> TOPIC_DAILY = List.of("topic", "source", "posts", "posts_direct", "sentences", "authors",
      "threads", "positive", "neutral", "negative", "positive_share", "neutral_share", "negative_share",
      "mean_score", "net_sentiment", "net_sentiment_all", "share_of_voice", "share_of_voice_all_sources",
      "mention_sentences", "mention_positive", "mention_neutral", "mention_negative", "mention_mean_score",
      "mention_net_sentiment", "posts_prev", "posts_change", "net_sentiment_prev", "net_sentiment_change",
      "mean_score_change", "corenlp_positive", "corenlp_neutral", "corenlp_negative", "corenlp_mean_score",
      "corenlp_net_sentiment", Columns.DT);

  /**
   * {@code topic_daily}: one row per day x topic x source, over scored posts, with the change against the
   * previous day taken from this run's rows or, for the first day of the run, from {@code previousDay} (the
   * already written rows of the day before, or null).
   */
  static Dataset<Row> topicDaily(Dataset<Row> posts, Dataset<Row> previousDay) {
    Dataset<Row> scored = scored(posts).withColumn("topic", explode(col(Columns.TOPICS)));
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
            labelled(col(Columns.SENTIMENT_LABEL), SentimentMath.POSITIVE).as("positive"),
            labelled(col(Columns.SENTIMENT_LABEL), SentimentMath.NEUTRAL).as("neutral"),
            labelled(col(Columns.SENTIMENT_LABEL), SentimentMath.NEGATIVE).as("negative"),
            avg(col(Columns.SENTIMENT_SCORE)).as("mean_score"),
            labelled(col(Columns.CORENLP_LABEL), SentimentMath.POSITIVE).as("corenlp_positive"),
            labelled(col(Columns.CORENLP_LABEL), SentimentMath.NEUTRAL).as("corenlp_neutral"),
            labelled(col(Columns.CORENLP_LABEL), SentimentMath.NEGATIVE).as("corenlp_negative"),
            avg(col(Columns.CORENLP_SCORE)).as("corenlp_mean_score"))
        .withColumn("positive_share", p.divide(total))
        .withColumn("neutral_share", col("neutral").divide(total))
        .withColumn("negative_share", n.divide(total))
        .withColumn("net_sentiment", net(p, n))
        .withColumn("net_sentiment_all", p.minus(n).divide(total))
        .withColumn("corenlp_net_sentiment", net(col("corenlp_positive"), col("corenlp_negative")));

    WindowSpec daySource = Window.partitionBy(Columns.DT, Columns.SOURCE);
    WindowSpec dayTopic = Window.partitionBy(Columns.DT, "topic");
    WindowSpec day = Window.partitionBy(Columns.DT);
    base = base
        .withColumn("share_of_voice", total.divide(sum(total).over(daySource)))
        .withColumn("share_of_voice_all_sources", sum(total).over(dayTopic).divide(sum(total).over(day)));

    // Mention level: only the scored sentences that name the topic themselves.
    Dataset<Row> mentions = sentences(scored(posts))
        .filter(col("s.score").isNotNull())
        .withColumn("topic", explode(col("s.topics")))
        .groupBy(col(Columns.DT), col("topic"), col(Columns.SOURCE))
        .agg(
            count(lit(1)).as("mention_sentences"),
            labelled(col("s.label"), SentimentMath.POSITIVE).as("mention_positive"),
            labelled(col("s.label"), SentimentMath.NEUTRAL).as("mention_neutral"),
            labelled(col("s.label"), SentimentMath.NEGATIVE).as("mention_negative"),
            avg(col("s.score")).as("mention_mean_score"))
        .withColumn("mention_net_sentiment", net(col("mention_positive"), col("mention_negative")))
        .withColumnRenamed(Columns.DT, "m_dt").withColumnRenamed("topic", "m_topic")
        .withColumnRenamed(Columns.SOURCE, "m_source");
    // Renamed keys: both sides come from the same posts, and Spark would take dt == dt for always true.
    Dataset<Row> withMentions = base.join(mentions, col(Columns.DT).equalTo(col("m_dt"))
            .and(col("topic").equalTo(col("m_topic"))).and(col(Columns.SOURCE).equalTo(col("m_source"))), "left")
        .drop("m_dt", "m_topic", "m_source")
        .na().fill(0L, new String[] {"mention_sentences", "mention_positive", "mention_neutral", "mention_negative"});

    // Change against the previous day, for the same topic and source.
    Dataset<Row> prev = withMentions.select(Columns.DT, "topic", Columns.SOURCE, "posts", "net_sentiment",
        "mean_score");
    if (previousDay != null) {
      prev = prev.unionByName(previousDay.select(col(Columns.DT).cast("string").as(Columns.DT), col("topic"),
          col(Columns.SOURCE), col("posts"), col("net_sentiment"), col("mean_score")));
    }
    prev = prev.select(col(Columns.DT).as("p_dt"), col("topic").as("p_topic"), col(Columns.SOURCE).as("p_source"),
        col("posts").as("posts_prev"), col("net_sentiment").as("net_sentiment_prev"),
        col("mean_score").as("mean_score_prev"));
    Column dayBefore = date_sub(to_date(col(Columns.DT)), 1).cast("string");
    return withMentions
        .join(prev, dayBefore.equalTo(col("p_dt")).and(col("topic").equalTo(col("p_topic")))
            .and(col(Columns.SOURCE).equalTo(col("p_source"))), "left")
        .withColumn("posts_change", col("posts").minus(col("posts_prev")))
        .withColumn("net_sentiment_change", col("net_sentiment").minus(col("net_sentiment_prev")))
        .withColumn("mean_score_change", col("mean_score").minus(col("mean_score_prev")))
        .select(Columns.cols(TOPIC_DAILY));
  }

  /** The {@code topic_entities} columns, in order. */
  static final List<String> TOPIC_ENTITIES = List.of("topic", "entity", "type", "belongs_to_topic", "mentions",
      "posts", "sentences", "positive", "neutral", "negative", "mean_score", "net_sentiment", "post_mean_score",
      "example_positive", "example_negative", Columns.DT);

  /**
   * {@code topic_entities}: one row per day x topic x entity (canonical name and type) over the scored posts
   * about the topic. Sentence figures are over the distinct scored sentences that mention the entity.
   */
  static Dataset<Row> topicEntities(SparkSession spark, Dataset<Row> posts, TopicSet topics) {
    Dataset<Row> mentions = scored(posts)
        .withColumn("topic", explode(col(Columns.TOPICS)))
        .withColumn("e", explode(col(Columns.ENTITIES)))
        .withColumn("s", element_at(col(Columns.SENTENCES), col("e.sentence").plus(1)))
        .select(col(Columns.DT), col("topic"), col("e.canonical").as("entity"), col("e.type").as("type"),
            col(Columns.POST_ID), col("e.sentence").as("sentence"), col("s.score").as("score"),
            col("s.label").as("label"), col("s.text").as("text"), col(Columns.SENTIMENT_SCORE));
    // One row per sentence that mentions the entity, with how often it does.
    Dataset<Row> perSentence = mentions
        .groupBy(Columns.DT, "topic", "entity", "type", Columns.POST_ID, "sentence")
        .agg(count(lit(1)).as("n"), first("score").as("score"), first("label").as("label"),
            first("text").as("text"), first(Columns.SENTIMENT_SCORE).as("post_score"));
    Column score = col("score");
    Column label = col("label");
    Column positive = label.equalTo(SentimentMath.POSITIVE);
    Column negative = label.equalTo(SentimentMath.NEGATIVE);
    Dataset<Row> byEntity = perSentence
        .groupBy(Columns.DT, "topic", "entity", "type")
        .agg(
            sum("n").cast("long").as("mentions"),
            countDistinct(col(Columns.POST_ID)).as("posts"),
            count(score).as("sentences"),
            labelled(label, SentimentMath.POSITIVE).as("positive"),
            labelled(label, SentimentMath.NEUTRAL).as("neutral"),
            labelled(label, SentimentMath.NEGATIVE).as("negative"),
            avg(score).as("mean_score"),
            max_by(when(positive, col("text")), when(positive, score)).as("example_positive"),
            min_by(when(negative, col("text")), when(negative, score)).as("example_negative"))
        .withColumn("net_sentiment", net(col("positive"), col("negative")));
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
        .select(Columns.cols(TOPIC_ENTITIES));
  }

  /** The {@code threads} columns, in order. */
  static final List<String> THREADS = List.of(Columns.THREAD_ID, Columns.SOURCE, Columns.COMMUNITY, "title", "url",
      Columns.TOPICS, "posts", "scored_posts", "authors", "first_at", "last_at", "root_known", "root_score",
      "root_label", "mean_reply_score", "score_stddev", "min_score", "max_score", "positive", "neutral",
      "negative", Columns.DT);

  /**
   * {@code threads}: one row per day x thread with activity that day (posts created that day), so nightly
   * runs add up without rewriting other days. The root's title, link and score come from this run's posts or,
   * when the root was written by an earlier run, from {@code earlierRoots} (rows of the posts table, or null).
   */
  static Dataset<Row> threads(Dataset<Row> posts, Dataset<Row> earlierRoots) {
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
            labelled(when(ok, col(Columns.SENTIMENT_LABEL)), SentimentMath.POSITIVE).as("positive"),
            labelled(when(ok, col(Columns.SENTIMENT_LABEL)), SentimentMath.NEUTRAL).as("neutral"),
            labelled(when(ok, col(Columns.SENTIMENT_LABEL)), SentimentMath.NEGATIVE).as("negative"));
    return perDay
        .join(roots, col(Columns.THREAD_ID).equalTo(col("r_id")), "left")
        .withColumn("title", when(col("r_id").isNotNull(), col("r_title")).otherwise(col("any_title")))
        .withColumn("url", when(col("r_id").isNotNull(), col("r_url")).otherwise(col("any_url")))
        .withColumn("root_known", col("r_id").isNotNull())
        .withColumn("root_score", col("r_score"))
        .withColumn("root_label", col("r_label"))
        .select(Columns.cols(THREADS));
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

  private static Dataset<Row> scored(Dataset<Row> posts) {
    return posts.filter(col(Columns.STATUS).equalTo(Status.OK.label()));
  }

  /** One row per sentence, as column {@code s}, keeping the post's columns. */
  private static Dataset<Row> sentences(Dataset<Row> posts) {
    return posts.withColumn("s", explode(col(Columns.SENTENCES)));
  }

  /** (P - N) / (P + N), null when both are 0. */
  private static Column net(Column p, Column n) {
    return when(p.plus(n).gt(0), p.minus(n).divide(p.plus(n)));
  }

  private static Column labelled(Column label, String value) {
    return sum(when(label.equalTo(value), 1).otherwise(0)).cast("long");
  }
}
