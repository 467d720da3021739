package io.moatwatch.job;

import io.moatwatch.cache.AnnotationCache;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings the job runs with, in one place: what spark-submit (or the test's system properties)
 * says, plus the job's own defaults, each overridable by setting it yourself. Driver-only.
 */
public final class JobSession {
  private final SparkConf conf;

  /** The configuration spark-submit handed over (its --conf, --master ...), named after the run. */
  public JobSession(String runId) {
    this.conf = new SparkConf().setAppName("moatwatch " + runId);
  }

  /** The Hadoop configuration Spark would build: defaults plus every {@code spark.hadoop.*} setting. */
  public Configuration hadoopConfiguration() {
    Configuration hadoop = new Configuration();
    for (var entry : conf.getAllWithPrefix("spark.hadoop.")) {
      hadoop.set(entry._1(), entry._2());
    }
    return hadoop;
  }

  /** Starts (or joins) the session with the job's settings. */
  public SparkSession start() {
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]"); // run directly with java (tests, IDE); spark-submit always sets a master
    }
    conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .set("spark.sql.session.timeZone", "UTC")
        // Plain INT64 microsecond timestamps: read natively by pandas, pyarrow and DuckDB (not legacy INT96).
        .set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    if (!conf.contains("spark.shuffle.reduceLocality.enabled")) {
      // Spark sends the tasks after a shuffle to the executor that wrote most of its input, waiting for its
      // cores first: after one task decompressed a dump (ReadFile.deferringParse), every parsing task would
      // queue on that executor while the others idle. The job's shuffles feed CPU-bound work (parsing, CoreNLP),
      // not I/O-bound reads, so spreading wins over locality.
      conf.set("spark.shuffle.reduceLocality.enabled", "false");
    }
    AnnotationCache.sessionSettings().forEach((key, value) -> {
      if (!conf.contains(key)) {
        conf.set(key, value);
      }
    });
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    if (!conf.contains("spark.sql.shuffle.partitions")) {
      // Spark's 200 is meant for big shuffles; moatwatch's are per-post and per-day tables, and 200 tiny tasks
      // per shuffle on a small machine cost more than the work (the sample run's writes: 33 s with 200, 15 s
      // with 8). Twice the cores, as Spark's tuning guide suggests; set it yourself to override.
      int partitions = Math.max(8, spark.sparkContext().defaultParallelism() * 2);
      spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
    }
    return spark;
  }
}
