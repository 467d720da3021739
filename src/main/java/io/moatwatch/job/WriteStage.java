package io.moatwatch.job;

import io.moatwatch.cache.AnnotationCache;
import io.moatwatch.output.Tables;
import io.moatwatch.schema.Contract;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Stages the tables ({@link Tables}) and this run's new annotation cache entries; nothing is visible yet. */
final class WriteStage implements Stage {
  private final long startedMillis;

  WriteStage(long startedMillis) {
    this.startedMillis = startedMillis;
  }

  @Override
  public String name() {
    return "write";
  }

  @Override
  public List<Contract> contracts() {
    return Tables.CONTRACTS;
  }

  @Override
  public String describe(Run run) {
    return "stage posts, topic_daily, topic_entities, threads and rejects";
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> analysed, Run run) throws IOException {
    long[][] confusion = run.setup.model() == null ? null : run.setup.model().validationConfusion();
    run.postDays = Tables.stage(run.spark, run.writer, analysed, new Tables.Settings(run.cfg().runId(),
        windowDays(run), run.cfg().output().lowVolume(), run.setup.topics(), confusion));
    if (run.cfg().nlp().caches()) {
      AnnotationCache.stage(run.spark, run.writer, analysed, run.cfg().runId() + "-" + startedMillis);
    }
    return analysed;
  }

  /** Every day of a bounded window (each is replaced, posts or not). */
  private static Set<String> windowDays(Run run) {
    Set<String> days = new TreeSet<>();
    var window = run.cfg().prepare().window();
    if (window.isBounded()) {
      for (LocalDate d = window.from(); !d.isAfter(window.to()); d = d.plusDays(1)) {
        days.add(d.toString());
      }
    }
    return days;
  }
}
