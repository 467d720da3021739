package io.moatwatch.cache;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.output.TableWriter;
import io.moatwatch.prepare.Status;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Stage;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Driver-only glue for the content-addressed annotation cache kept beside the output, in
 * {@code <output>/_cache/annotations/batch=<run>-<millis>/}: one row per analysed text, {@code key} (SHA-256 of
 * the pipeline signature and the cleaned text, {@link io.moatwatch.nlp.AnalysisCodec#key}) and {@code analysis}
 * (the CoreNLP result as JSON). A run looks up every post it would analyse, analyses only the misses, and adds
 * them as a new batch, committed with the run's tables. Topics, labels (the neutral band, which labeller) and everything
 * else derived from the analysis are recomputed each run, so changing them never needs a cold cache; changing
 * the pipeline changes the key. Entries are never deleted: remove {@code _cache/} to reclaim the space.
 */
public final class AnnotationCache {
  public static final String TABLE = "_cache/annotations";

  /** Looks each pending post up in the cache. */
  public static final Stage STAGE = new Stage("annotation cache", List.of(Columns.STATUS, Columns.TEXT_CLEAN),
      List.of(Columns.CACHE_KEY, Columns.CACHED));
  static final String BATCH = "batch";
  static final String KEY = "key";
  static final String ANALYSIS = "analysis";

  /** Up to this many keys (about 100 MB) a run's keys are broadcast to the cache scan instead of shuffled. */
  static final long BROADCAST_KEYS = 1_000_000;

  private AnnotationCache() {}

  /**
   * {@code threaded} with {@link Columns#CACHE_KEY} (for pending posts) and {@link Columns#CACHED} (the cached
   * analysis, on a hit): the {@link Columns#NLP_IN} rows the NLP stage reads. {@code pending}: how many posts
   * are to be analysed (it decides whether their keys are broadcast).
   */
  public static Dataset<Row> attach(SparkSession spark, TableWriter writer, Dataset<Row> threaded, String signature,
      boolean enabled, long pending) throws IOException {
    Dataset<Row> keyed = threaded.withColumn(Columns.CACHE_KEY,
        when(col(Columns.STATUS).equalTo(Status.PENDING.label()),
            sha2(concat(lit(signature + "\n"), col(Columns.TEXT_CLEAN)), 256)));
    Dataset<Row> cache = enabled ? writer.existing(spark, TABLE, BATCH, null) : null;
    if (cache == null) {
      return keyed.withColumn(Columns.CACHED, lit(null).cast("string")).select(Columns.cols(names()));
    }
    // Only the entries this run can use: a semi-join with the run's keys (broadcast: a night's keys are few)
    // before removing duplicate entries, so the whole cache is scanned once but never shuffled.
    Dataset<Row> wanted = keyed.filter(col(Columns.CACHE_KEY).isNotNull())
        .select(col(Columns.CACHE_KEY).as("_wanted")).distinct();
    Dataset<Row> entries = cache.join(pending <= BROADCAST_KEYS ? broadcast(wanted) : wanted,
            cache.col(KEY).equalTo(col("_wanted")), "left_semi")
        .select(col(KEY).as("_cache_key"), col(ANALYSIS).as(Columns.CACHED))
        .dropDuplicates("_cache_key");
    return keyed.join(entries, keyed.col(Columns.CACHE_KEY).equalTo(entries.col("_cache_key")), "left")
        .select(Columns.cols(names()));
  }

  /** Stages this run's fresh analyses as a new batch of the cache table. */
  public static void stage(TableWriter writer, Dataset<Row> analysed, String batch) {
    Dataset<Row> fresh = analysed.filter(col(Columns.NEW_ANALYSIS).isNotNull())
        .select(col(Columns.CACHE_KEY).as(KEY), col(Columns.NEW_ANALYSIS).as(ANALYSIS))
        .dropDuplicates(KEY)
        .withColumn(BATCH, lit(batch))
        .coalesce(1); // one file per run: the cache is read whole by every run, so few files matter
    writer.stage(TABLE, fresh, BATCH, Set.of(), fresh.isEmpty() ? Set.of() : Set.of(batch));
  }

  private static List<String> names() {
    return List.of(Columns.NLP_IN.fieldNames());
  }
}
