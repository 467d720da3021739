package io.moatwatch.job;

import io.moatwatch.schema.Contract;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One stage of the job, as the job runs it: what it reads and adds ({@link #contracts}, checked against the
 * stages before it when the job is made), and how it applies to the rows so far. The job's one loop
 * ({@link MoatwatchJob}) owns everything around it: the Spark job group, timing, persisting and logging.
 * Implementations are thin: each calls its stage package's entry point.
 */
interface Stage {
  /** The stage's name in the log, the Spark UI's job groups and the manifest's timings. */
  String name();

  /** What the stage reads and adds, in order (a stage may make several tables, each with its contract). */
  List<Contract> contracts();

  /** One line for the Spark UI's job group. */
  String describe(Run run);

  /** The stage on the rows so far (null before the first stage). */
  Dataset<Row> apply(Dataset<Row> rows, Run run) throws IOException;

  /**
   * Whether the loop persists the result and materialises it with {@link #settle}, after which the previous
   * persisted result is released (each of the job's Spark stages is computed once).
   */
  default boolean persists() {
    return false;
  }

  /** An action on the persisted result, returning what the log line should add (e.g. {@code ": 74 rows"}). */
  default String settle(Dataset<Row> rows, Run run) {
    return "";
  }
}
