package io.moatwatch.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Status;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What the aggregate tables share: the scored posts, their sentences, label counts and net sentiment. */
final class Aggregation {
  private Aggregation() {}

  static Dataset<Row> scored(Dataset<Row> posts) {
    return posts.filter(col(Columns.STATUS).equalTo(Status.OK.label()));
  }

  /** One row per sentence, as column {@code s}, keeping the post's columns. */
  static Dataset<Row> sentences(Dataset<Row> posts) {
    return posts.withColumn("s", explode(col(Columns.SENTENCES)));
  }

  /** (P - N) / (P + N), null when both are 0. */
  static Column net(Column p, Column n) {
    return when(p.plus(n).gt(0), p.minus(n).divide(p.plus(n)));
  }

  static Column labelled(Column label, String value) {
    return sum(when(label.equalTo(value), 1).otherwise(0)).cast("long");
  }
}
