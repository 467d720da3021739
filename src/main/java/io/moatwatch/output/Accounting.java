package io.moatwatch.output;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Spark glue for {@link RunTally}: the one aggregation of the analysed rows every count of a run comes from. */
public final class Accounting {
  private Accounting() {}

  /**
   * Every count of the run in one aggregation of the analysed rows (reasons are counted by kind: the part
   * before "; ", after which come one post's details, such as its length).
   */
  public static RunTally tally(Dataset<Row> analysed) {
    Object[] skipped = Arrays.stream(Status.values())
        .filter(s -> s.outcome() == Status.Outcome.SKIPPED).map(Status::label).toArray();
    Column reasonKind = when(col(Columns.STATUS).isin(skipped).and(col(Columns.REASON).isNotNull()),
        substring_index(col(Columns.REASON), "; ", 1));
    List<RunTally.Entry> entries = new ArrayList<>();
    for (Row r : analysed.groupBy(col(Columns.FILE), col(Columns.FORMAT), col(Columns.STATUS),
            col(Columns.ANALYSIS_SOURCE), reasonKind.as("reason_kind"))
        .agg(sum(coalesce(col(Columns.N_RECORDS), lit(1L))).as("records"), sum(col(Columns.N_SENTENCES)).as("sentences"))
        .collectAsList()) {
      entries.add(new RunTally.Entry(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
          r.getLong(5), r.isNullAt(6) ? 0 : r.getLong(6)));
    }
    return new RunTally(entries);
  }
}
