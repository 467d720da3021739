package io.moatwatch.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.schema.Status;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code rejects} table (docs/OUTPUTS.md): records that could not be read ({@code rejected}) or analysed
 * ({@code failed}), with file, position and reason, partitioned by run.
 */
public final class Rejects {
  private Rejects() {}

  /** Reads these columns of the analysed rows (its own run id added). */
  public static final Contract STAGE = new Contract("rejects",
      Columns.REJECTS.stream().filter(c -> !c.equals(Columns.RUN_ID)).toList(), List.of());

  /** This run's rejects from the analysed rows. */
  public static Dataset<Row> build(Dataset<Row> analysed, String runId) {
    return analysed
        .filter(col(Columns.STATUS).isin(Status.REJECTED.label(), Status.FAILED.label()))
        .withColumn(Columns.RUN_ID, lit(runId))
        .select(Columns.cols(Columns.REJECTS));
  }
}
