package io.moatwatch.job;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import io.moatwatch.analyse.AnalysePartition;
import io.moatwatch.analyse.NlpTime;
import io.moatwatch.output.Accounting;
import io.moatwatch.output.RunCounts;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * CoreNLP and the label model on every pending post ({@link AnalysePartition}), then every count of the run in
 * one aggregation.
 */
final class AnalyseStage implements Stage {
  @Override
  public String name() {
    return "nlp";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(AnalysePartition.STAGE);
  }

  @Override
  public String describe(Run run) {
    return "CoreNLP and the label model on " + run.pending + " posts";
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> nlpIn, Run run) {
    if (run.setup.model() != null && !run.setup.model().isBuiltin()) {
      // A user's label model directory travels to the executors with the job (AnalysePartition finds it there).
      run.spark.sparkContext().addFile(run.setup.model().location(), true);
    }
    run.nlpTime = NlpTime.register(run.spark.sparkContext());
    int partitions = run.cfg().nlp().partitions() > 0 ? run.cfg().nlp().partitions() : run.cores() * 2;
    return nlpIn
        // By text and sorted by it, so exact duplicates arrive one after the other and are analysed once (rows
        // without text, which pass through, by id, so they do not pile up in one partition).
        .repartition(partitions, coalesce(col(Columns.TEXT_CLEAN), col(Columns.POST_ID)))
        .sortWithinPartitions(coalesce(col(Columns.TEXT_CLEAN), col(Columns.POST_ID)))
        .mapPartitions(new AnalysePartition(run.setup.nlpTask(), run.nlpTime), Encoders.row(Columns.ANALYSED));
  }

  @Override
  public boolean persists() {
    return true;
  }

  @Override
  public String settle(Dataset<Row> analysed, Run run) {
    run.tally = Accounting.tally(analysed);
    // Thread seconds of the partitions' CoreNLP and label-model calls (manifest timings_s): the model's cost beside
    // CoreNLP's within this run.
    run.timings.put("corenlp_thread", run.nlpTime.corenlpSeconds());
    run.timings.put("label_model_thread", run.nlpTime.labelModelSeconds());
    Map<String, Long> sources = run.tally.sources();
    return String.format(": %d by CoreNLP, %d from the annotation cache, %d reused for duplicate texts (thread time:"
        + " CoreNLP %.1f s, the label model %.1f s); %s", sources.getOrDefault("nlp", 0L),
        sources.getOrDefault("cache", 0L), sources.getOrDefault("duplicate", 0L), run.nlpTime.corenlpSeconds(),
        run.nlpTime.labelModelSeconds(), RunCounts.of(run.tally.byStatus()).summaryLine());
  }
}
