package io.moatwatch.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Test helper: the rows of a table as comparable text, for "this output equals that output" assertions. */
public final class TableText {
  private TableText() {}

  /**
   * Adds every row of {@code rows} to {@code counts} as {@code name|value|value...} with the number of times it
   * occurs; doubles are written to 1e-9, since sums taken in another order may differ in the last bits.
   */
  public static void add(Map<String, String> counts, String name, Dataset<Row> rows) {
    for (Row r : rows.collectAsList()) {
      StringBuilder key = new StringBuilder(name);
      for (int i = 0; i < r.size(); i++) {
        Object v = r.get(i);
        key.append('|').append(v instanceof Double d ? String.format(Locale.ROOT, "%.9f", d) : String.valueOf(v));
      }
      counts.merge(key.toString(), "1", (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
    }
  }

  /**
   * A whole run's output as comparable text: every post's id, status, label, score (to 1e-9), topics and
   * entities, and every row of the aggregates. {@code output}: the output directory as a path or URI
   * ({@code hdfs://...}).
   */
  public static Map<String, String> ofRun(SparkSession spark, String output) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : spark.read().parquet(output + "/posts").collectAsList()) {
      Double score = r.getAs("sentiment_score");
      m.put(r.getAs("post_id"), r.getAs("status") + "|" + r.getAs("sentiment_label") + "|"
          + (score == null ? "-" : String.format("%.9f", score)) + "|" + r.getAs("topics") + "|" + r.getAs("entities"));
    }
    for (String table : List.of("topic_daily", "topic_entities", "threads")) {
      add(m, table, spark.read().parquet(output + "/" + table).drop("run_id"));
    }
    return m;
  }
}
