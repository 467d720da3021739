package io.moatwatch.job;

import io.moatwatch.read.ReadFile;
import io.moatwatch.read.ReadPlan;
import io.moatwatch.read.Slice;
import io.moatwatch.read.ThreadSeeds;
import io.moatwatch.read.prefilter.Prefilter;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read, clean and match topics in every input file ({@link ReadFile}), after the prefilter's first pass over the
 * files it applies to ({@link ThreadSeeds}, timed as {@code prefilter}).
 */
final class ReadStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(ReadStage.class);

  @Override
  public String name() {
    return "read";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(ReadFile.STAGE);
  }

  @Override
  public String describe(Run run) {
    return "read, clean and match topics in " + run.files.size() + " files";
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> none, Run run) throws IOException {
    ReadPlan plan = ReadPlan.of(run.files, run.cfg(), run.setup.topics(), run.spark.sparkContext().hadoopConfiguration());
    Prefilter prefilter = plan.prefilter() == null ? null : firstPass(plan, run);
    ReadFile readFile = new ReadFile(run.cfg().read().format(), run.preparer, run.hadoopConf, run.setup.authors(),
        prefilter == null ? null : run.jsc.broadcast(prefilter));
    List<Slice> slices = plan.slices();
    JavaRDD<Row> rows;
    if (run.cores() > 1 && plan.prefiltersAWholeFile()) {
      // A file that cannot be split is decompressed and tested by one task; the lines it keeps are parsed,
      // cleaned and matched on every core (ReadFile.deferringParse).
      LOG.info("Read: the lines the prefilter keeps in whole files are parsed on {} cores", run.cores());
      ReadFile deferring = readFile.deferringParse();
      rows = run.jsc.parallelize(slices, Math.max(1, slices.size())).flatMap(deferring)
          .repartition(run.cores()).mapPartitions(deferring.parseUnparsed());
    } else {
      rows = run.jsc.parallelize(slices, Math.max(1, slices.size())).flatMap(readFile);
    }
    LOG.info("Read stage: {} files{}", run.files.size(), ReadPlan.parts(slices.size(), run.files.size()));
    return run.spark.createDataFrame(rows, Columns.READ);
  }

  /** The prefilter with the ids of on-topic posts and threads the first pass found in its files. */
  private static Prefilter firstPass(ReadPlan plan, Run run) {
    long t0 = System.nanoTime();
    List<Slice> prefiltered = plan.prefiltered();
    run.spark.sparkContext().setJobGroup("moatwatch-prefilter", "moatwatch " + run.cfg().runId()
        + ": find the on-topic posts and threads of " + plan.prefilter().files().size() + " files"
        + ReadPlan.parts(prefiltered.size(), plan.prefilter().files().size()), false);
    Set<String> ids = new TreeSet<>();
    Map<String, long[]> topicLines = new LinkedHashMap<>();
    for (ThreadSeeds.Seeds s : run.jsc.parallelize(prefiltered, prefiltered.size())
        .map(new ThreadSeeds(run.cfg().read().format(), run.preparer, plan.prefilter(), run.hadoopConf)).collect()) {
      ids.addAll(s.ids());
      if (s.lines() != null) {
        topicLines.put(s.slice(), s.lines());
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    run.timings.put("prefilter", seconds);
    LOG.info("Prefilter: first pass found {} ids of on-topic posts and threads in {} s", ids.size(),
        String.format("%.1f", seconds));
    run.spark.sparkContext().setJobGroup("moatwatch-read", "moatwatch " + run.cfg().runId() + ": "
        + new ReadStage().describe(run), false);
    return plan.prefilter().withSeeds(ids, topicLines);
  }

  @Override
  public boolean persists() {
    return true;
  }

  @Override
  public String settle(Dataset<Row> rows, Run run) {
    return ": " + rows.count() + " rows from " + run.files.size() + " files";
  }
}
