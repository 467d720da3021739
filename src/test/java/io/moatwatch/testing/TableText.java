package io.moatwatch.testing;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
}
