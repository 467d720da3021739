package io.moatwatch.job;

import io.moatwatch.output.RunCounts;
import io.moatwatch.output.RunManifest;
import io.moatwatch.output.TableWriter;
import io.moatwatch.schema.Contract;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver-only: runs one moatwatch job on a Spark session: the {@link #stages} in order, each a named Spark job
 * group, timed and logged by one loop, then the accounting (every input record counted by its final status; the
 * counts must reconcile), the manifest and the commit that makes the run's tables visible at once.
 */
public final class MoatwatchJob {
  private static final Logger LOG = LoggerFactory.getLogger(MoatwatchJob.class);

  private final SparkSession spark;
  private final Setup setup;

  public MoatwatchJob(SparkSession spark, Setup setup) {
    this.spark = spark;
    this.setup = setup;
    Contract.check(contracts(stages(0)));
  }

  /** The stages in the order the job runs them. */
  static List<Stage> stages(long startedMillis) {
    return List.of(new ReadStage(), new ThreadStage(), new CacheStage(), new AnalyseStage(),
        new WriteStage(startedMillis));
  }

  /** What the stages read and add, in order: checked whenever a job is made ({@link Contract#check}). */
  static List<Contract> contracts(List<Stage> stages) {
    return stages.stream().flatMap(s -> s.contracts().stream()).toList();
  }

  /** Runs the job on the given files (from {@code read.InputFiles#resolve}); returns the reconciled counts. */
  public RunCounts run(List<String> files) throws IOException {
    Instant started = Instant.now();
    String runId = setup.config().runId();
    TableWriter writer = new TableWriter(setup.config().output().directory(),
        spark.sparkContext().hadoopConfiguration(), runId);
    // An earlier run that died mid-way is settled before this one reads or writes anything.
    writer.recover();
    RunManifest manifest = new RunManifest(setup.config(), setup.loaded(), files, started, version(), spark.version());
    String manifestPath = "_runs/" + runId + ".json";
    writer.writeText(manifestPath, manifest.toJson());
    LOG.info("Run {} on Spark {}, master {}: {} input files, window {}, topics {} from {}, pipeline {}", runId,
        spark.version(), spark.sparkContext().master(), files.size(), setup.config().prepare().window(),
        setup.topics().names(), setup.topics().origin(), setup.pipeline());
    try {
      Run run = new Run(spark, setup, files, writer);
      runStages(run, stages(started.toEpochMilli()));
      return finish(run, manifest, started);
    } catch (IOException | RuntimeException e) {
      manifest.failed(Instant.now(), e.toString());
      try {
        writer.discardUncommitted();
        writer.writeText(manifestPath, manifest.toJson());
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * The one loop over the stages: job group, timing, persisting (a persisted result is materialised by its
   * stage's {@link Stage#settle}, then the one before it is released) and a log line per stage.
   */
  private void runStages(Run run, List<Stage> stages) throws IOException {
    Dataset<Row> rows = null;
    Dataset<Row> kept = null;
    for (Stage stage : stages) {
      spark.sparkContext().setJobGroup("moatwatch-" + stage.name(),
          "moatwatch " + run.cfg().runId() + ": " + stage.describe(run), false);
      long t0 = System.nanoTime();
      rows = stage.apply(rows, run);
      String done = "";
      if (stage.persists()) {
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
        done = stage.settle(rows, run);
        if (kept != null) {
          kept.unpersist();
        }
        kept = rows;
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      run.timings.put(stage.name(), seconds);
      LOG.info("Stage {} done in {} s{}", stage.name(), String.format("%.1f", seconds), done);
    }
    if (kept != null) {
      kept.unpersist();
    }
  }

  /** Reconciles the counts, completes the manifest and commits the staged tables with it. */
  private RunCounts finish(Run run, RunManifest manifest, Instant started) throws IOException {
    RunCounts counts = RunCounts.of(run.tally.byStatus());
    if (!counts.reconciled()) {
      // run() records this in the manifest as a failed run
      throw new IllegalStateException("record counts do not reconcile: " + counts.summaryLine());
    }
    run.timings.put("total", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1e3);
    manifest.succeeded(Instant.now(), counts, run.tally.skipReasons(), run.tally.perFile(run.files),
        run.tally.formats(), List.copyOf(run.postDays), run.timings);
    long peakHeapMb = JvmMemory.peakHeapMb();
    manifest.resources(run.tally.sentences(), run.tally.sources(), peakHeapMb);
    // Publishes every staged table, then this manifest: until here readers see the previous state.
    run.writer.commit(manifest.toJson());
    LOG.info("Run {} finished in {} s: {}; {} sentences analysed, driver peak heap {} MB", run.cfg().runId(),
        String.format("%.1f", run.timings.get("total")), counts.summaryLine(), run.tally.sentences(), peakHeapMb);
    return counts;
  }

  /** The application version from the jar manifest, or {@code dev} when running from classes. */
  public static String version() {
    String v = MoatwatchJob.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
