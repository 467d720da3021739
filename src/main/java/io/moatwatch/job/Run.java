package io.moatwatch.job;

import io.moatwatch.analyse.NlpTime;
import io.moatwatch.config.JobConfig;
import io.moatwatch.output.RunTally;
import io.moatwatch.output.TableWriter;
import io.moatwatch.prepare.PostPreparer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Driver-only: one run as its stages see it: the session, the loaded setup, the input files, the table writer,
 * and what earlier stages found out that later ones need ({@link #pending}, {@link #tally}, {@link #postDays}).
 */
final class Run {
  final SparkSession spark;
  final JavaSparkContext jsc;
  final Setup setup;
  final List<String> files;
  final TableWriter writer;
  final Broadcast<SerializableConfiguration> hadoopConf;
  final PostPreparer preparer;
  /** Seconds per stage (and the prefilter's first pass), in the order they ran. */
  final Map<String, Double> timings = new LinkedHashMap<>();
  /** Posts left to analyse after thread resolution (set by the threads stage). */
  long pending;
  /** Every count of the run (set by the NLP stage). */
  RunTally tally;
  /** The NLP stage's thread time in CoreNLP and in the label model, summed by Spark over its tasks. */
  NlpTime nlpTime;
  /** The days the posts table has rows for (set by the write stage). */
  Set<String> postDays = Set.of();

  Run(SparkSession spark, Setup setup, List<String> files, TableWriter writer) {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.setup = setup;
    this.files = List.copyOf(files);
    this.writer = writer;
    this.hadoopConf = jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    this.preparer = setup.preparer();
  }

  JobConfig cfg() {
    return setup.config();
  }

  /** Spark's default parallelism: the cores of the session's executors. */
  int cores() {
    return spark.sparkContext().defaultParallelism();
  }
}
