package io.moatwatch.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.prepare.Status;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions that need every post at once, as Spark SQL over {@link Columns#READ} rows:
 * <ol>
 *   <li>thread roots: a post whose export gives only a parent (Hacker News items) gets the root of its
 *       parent chain within the input as {@code thread_id}: the first ancestor with a known thread, or the
 *       topmost ancestor present (or named) in the input;
 *   <li>duplicates: of the records sharing a post id, the first by file name then position in the file is kept;
 *       the others become {@code duplicate};
 *   <li>topics: a post's own topics, or, if it has none and inheritance is on, its thread root's (flagged
 *       {@code topics_inherited});
 *   <li>off-topic: posts left with no topic become {@code off_topic} when skipping is on.
 * </ol>
 * The result has the {@link Columns#THREADED} schema.
 */
final class Threads {
  private static final Logger LOG = LoggerFactory.getLogger(Threads.class);
  /** Parent links followed at most; deeper chains keep the deepest ancestor reached (and say so in the log). */
  static final int MAX_DEPTH = 200;

  private Threads() {}

  /**
   * Fills {@code thread_id}: a post with no parent is its own thread; a post with a parent but no thread gets
   * the root found by walking parent links one level per step over the posts of this run. Posts whose thread
   * is already known are untouched.
   */
  static Dataset<Row> reconstructRoots(Dataset<Row> input) {
    // A post with neither parent nor thread starts a thread of its own.
    Dataset<Row> rows = input.withColumn(Columns.THREAD_ID, coalesce(col(Columns.THREAD_ID),
        when(col(Columns.POST_ID).isNotNull().and(col(Columns.PARENT_ID).isNull()), col(Columns.POST_ID))));
    Dataset<Row> nodes = rows.filter(col(Columns.POST_ID).isNotNull())
        .select(col(Columns.POST_ID).as("n_id"), col(Columns.PARENT_ID).as("n_parent"),
            col(Columns.THREAD_ID).as("n_thread"))
        .dropDuplicates("n_id");
    Dataset<Row> open = nodes.filter(col("n_thread").isNull().and(col("n_parent").isNotNull()))
        .select(col("n_id").as("id"), col("n_parent").as("ptr"));
    if (open.isEmpty()) {
      return rows;
    }
    nodes = nodes.localCheckpoint();
    Dataset<Row> resolved = null;
    int depth = 0;
    while (depth++ < MAX_DEPTH) {
      Dataset<Row> step = open.join(nodes, open.col("ptr").equalTo(nodes.col("n_id")), "left").localCheckpoint();
      // Settled when the ancestor knows its thread, has no parent, or is not in the input at all.
      Column settled = col("n_id").isNull().or(col("n_thread").isNotNull()).or(col("n_parent").isNull());
      Dataset<Row> done = step.filter(settled)
          .select(col("id"), coalesce(col("n_thread"), col("ptr")).as("root"));
      resolved = resolved == null ? done : resolved.union(done);
      open = step.filter(not(settled)).select(col("id"), col("n_parent").as("ptr")).localCheckpoint();
      if (open.isEmpty()) {
        break;
      }
    }
    if (!open.isEmpty()) {
      LOG.warn("Thread roots: {} posts have parent chains deeper than {}; they keep the deepest ancestor reached",
          open.count(), MAX_DEPTH);
      resolved = resolved.union(open.select(col("id"), col("ptr").as("root")));
    }
    LOG.info("Thread roots reconstructed from parent links in {} steps", depth);
    Dataset<Row> roots = resolved.localCheckpoint();
    String[] columns = rows.columns();
    return rows.join(roots, rows.col(Columns.POST_ID).equalTo(roots.col("id")), "left")
        .withColumn(Columns.THREAD_ID, coalesce(col(Columns.THREAD_ID), col("root")))
        .select(Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new));
  }

  static Dataset<Row> resolve(Dataset<Row> read, boolean inheritTopics, boolean skipOffTopic) {
    Column isPost = col(Columns.POST_ID).isNotNull();
    Column rank = row_number().over(Window.partitionBy(Columns.POST_ID).orderBy(Columns.FILE, Columns.SEQ));
    Dataset<Row> deduped = reconstructRoots(read)
        .withColumn("_rank", when(isPost, rank))
        .withColumn(Columns.STATUS, when(col("_rank").gt(1), lit(Status.DUPLICATE.label()))
            .otherwise(col(Columns.STATUS)))
        .drop("_rank");

    Column emptyTopics = array().cast(DataTypes.createArrayType(DataTypes.StringType, false));
    Column direct = coalesce(col(Columns.TOPICS_DIRECT), emptyTopics);
    Dataset<Row> withTopics;
    if (inheritTopics) {
      Dataset<Row> roots = deduped
          .filter(col(Columns.POST_ID).equalTo(col(Columns.THREAD_ID))
              .and(col(Columns.STATUS).notEqual(Status.DUPLICATE.label())))
          .select(col(Columns.THREAD_ID).as("_root_thread"), col(Columns.TOPICS_DIRECT).as("_root_topics"));
      Column rootTopics = coalesce(col("_root_topics"), emptyTopics);
      Column inherits = size(direct).equalTo(0).and(size(rootTopics).gt(0));
      withTopics = deduped
          .join(roots, deduped.col(Columns.THREAD_ID).equalTo(roots.col("_root_thread")), "left")
          .withColumn(Columns.TOPICS, when(inherits, rootTopics).otherwise(direct))
          .withColumn(Columns.TOPICS_INHERITED, inherits);
    } else {
      withTopics = deduped
          .withColumn(Columns.TOPICS, direct)
          .withColumn(Columns.TOPICS_INHERITED, lit(false));
    }
    withTopics = withTopics.withColumn(Columns.TOPICS_INHERITED,
        when(isPost, col(Columns.TOPICS_INHERITED)));
    withTopics = withTopics.withColumn(Columns.TOPICS, when(isPost, col(Columns.TOPICS)));

    if (skipOffTopic) {
      Column stillOpen = col(Columns.STATUS).isin(Arrays.stream(Status.values())
          .filter(s -> s.writtenToPosts() && s.outcome() != Status.Outcome.REJECTED)
          .map(Status::label).toArray());
      withTopics = withTopics.withColumn(Columns.STATUS,
          when(isPost.and(stillOpen).and(size(col(Columns.TOPICS)).equalTo(0)), lit(Status.OFF_TOPIC.label()))
              .otherwise(col(Columns.STATUS)));
    }
    return withTopics.select(Arrays.stream(Columns.THREADED.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }
}
