package io.moatwatch.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
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

/**
 * The decisions that need every post at once, as Spark SQL over {@link Columns#READ} rows:
 * <ol>
 *   <li>duplicates: of the records sharing a post id, the first by file name then position in the file is kept;
 *       the others become {@code duplicate};
 *   <li>topics: a post's own topics, or, if it has none and inheritance is on, its thread root's (flagged
 *       {@code topics_inherited});
 *   <li>off-topic: posts left with no topic become {@code off_topic} when skipping is on.
 * </ol>
 * The result has the {@link Columns#THREADED} schema.
 */
final class Threads {
  private Threads() {}

  static Dataset<Row> resolve(Dataset<Row> read, boolean inheritTopics, boolean skipOffTopic) {
    Column isPost = col(Columns.POST_ID).isNotNull();
    Column rank = row_number().over(Window.partitionBy(Columns.POST_ID).orderBy(Columns.FILE, Columns.SEQ));
    Dataset<Row> deduped = read
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
