package io.moatwatch.job;

import static org.apache.spark.sql.functions.col;

import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.schema.Status;
import io.moatwatch.threads.PostLanguages;
import io.moatwatch.threads.Threads;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Thread roots, duplicates and topic inheritance ({@link Threads}), then the languages of the posts to be written
 * ({@link PostLanguages}); counts the posts left to analyse.
 */
final class ThreadStage implements Stage {
  @Override
  public String name() {
    return "threads";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(Threads.STAGE, PostLanguages.STAGE);
  }

  @Override
  public String describe(Run run) {
    return "threads, topics and languages";
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> read, Run run) {
    return PostLanguages.detect(Threads.resolve(read, run.cfg().prepare()), run.preparer);
  }

  @Override
  public boolean persists() {
    return true; // thread resolution is several shuffles: counted here, read by the NLP stage, not done twice
  }

  @Override
  public String settle(Dataset<Row> rows, Run run) {
    run.pending = rows.filter(col(Columns.STATUS).equalTo(Status.PENDING.label())).count();
    return ": " + run.pending + " posts to analyse";
  }
}
