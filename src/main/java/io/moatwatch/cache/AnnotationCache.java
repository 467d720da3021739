package io.moatwatch.cache;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.map_values;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.analyse.corenlp.AnalysisCodec;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.output.TableWriter;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.schema.Status;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver-only glue for the content-addressed annotation cache kept beside the output, in
 * {@code <output>/_cache/annotations/batch=<run>-<millis>/}: one row per analysed text and label model, {@code key}
 * (SHA-256 of CoreNLP's signature and the cleaned text, {@link CacheKey}) and {@code analysis} (the CoreNLP result
 * and the label model's readings as JSON, with what made the readings: {@link AnalysisCodec#LABELS}). A run looks up
 * every post it would analyse, analyses only the misses, and adds them as a new batch, committed with the run's
 * tables. A post takes the entry whose readings its label model makes; where there is none, any entry of its key:
 * the NLP stage then keeps CoreNLP's part and has the model read the text again, and stores that as a new entry, so
 * a new label model costs model calls, not CoreNLP. Topics, labels (the neutral band, which labeller) and everything
 * else derived from the analysis are recomputed each run, so changing them never needs a cold cache; changing
 * CoreNLP's settings changes the key. Entries are never deleted: remove {@code _cache/} to reclaim the space.
 *
 * <p>So that a long history costs a night little: batches are merged as {@link Compaction} says (a few
 * dozen at most), a merged batch is sorted by key in small Parquet pages, and a night's keys are looked up by value,
 * so Parquet reads only the pages that can hold them ({@link #usable}).
 */
public final class AnnotationCache {
  private static final Logger LOG = LoggerFactory.getLogger(AnnotationCache.class);
  public static final String TABLE = "_cache/annotations";

  /** Looks each pending post up in the cache. */
  public static final Contract STAGE = new Contract("annotation cache", List.of(Columns.STATUS, Columns.TEXT_CLEAN,
      Columns.TEXT_CODE),
      List.of(Columns.CACHE_KEY, Columns.CACHED));
  static final String BATCH = "batch";
  static final String KEY = "key";
  static final String ANALYSIS = "analysis";
  /** What an entry's readings were made by, read from its JSON ("" for none), where entries are told apart by it. */
  private static final String READINGS = "_readings";

  /** Up to this many keys (about 100 MB) a run's keys are broadcast to the cache scan instead of shuffled. */
  static final long BROADCAST_KEYS = 1_000_000;
  /**
   * Up to this many keys a run looks them up by value, pushed down to Parquet. Spark pushes an {@code IN} of
   * up to {@code spark.sql.parquet.pushdown.inFilterThreshold} values as equalities (beyond it, only their
   * minimum and maximum, which random keys make the whole range), so the job sets that threshold to this.
   */
  static final int LOOKUP_KEYS = 1000;
  /** Rows a Parquet page of a merged batch holds: a key's lookup reads about this many entries. */
  static final int MERGED_PAGE_ROWS = 100;
  /** About this much of a merged batch goes to one file (one task writes it). */
  static final long MERGED_FILE_BYTES = 128L << 20;

  private AnnotationCache() {}

  /** The Spark settings the lookup relies on ({@code spark.JobSession} sets them unless the user does). */
  public static Map<String, String> sessionSettings() {
    return Map.of("spark.sql.parquet.pushdown.inFilterThreshold", Integer.toString(LOOKUP_KEYS));
  }

  /**
   * {@code threaded} with {@link Columns#CACHE_KEY} (for pending posts) and {@link Columns#CACHED} (the cached
   * analysis, on a hit): the {@link Columns#NLP_IN} rows the NLP stage reads. {@code pending}: how many posts
   * are to be analysed (it decides how their keys are looked up). Each post is keyed by CoreNLP's {@code
   * signature}; of its key's entries it takes the one whose readings {@code model} makes for its platform ({@link
   * CacheKey#labels}; null: CoreNLP's labels), else any.
   */
  public static Dataset<Row> attach(SparkSession spark, TableWriter writer, Dataset<Row> threaded, String signature,
      LabelModelSpec model, boolean enabled, long pending) throws IOException {
    Dataset<Row> keyed = threaded.withColumn(Columns.CACHE_KEY,
        when(col(Columns.STATUS).equalTo(Status.PENDING.label()),
            CacheKey.column(signature, col(Columns.TEXT_CLEAN), col(Columns.TEXT_CODE))));
    Dataset<Row> cache = enabled ? writer.existing(spark, TABLE, BATCH, null) : null;
    if (cache == null) {
      return keyed.withColumn(Columns.CACHED, lit(null).cast("string")).select(Columns.cols(names()));
    }
    Dataset<Row> wanted = keyed.filter(col(Columns.CACHE_KEY).isNotNull())
        .select(col(Columns.CACHE_KEY).as("_wanted")).distinct();
    // Only the entries this run can use are grouped by key (the cache is never shuffled): each key's entries by
    // what made their readings, one of each.
    Dataset<Row> entries = oneEntryPerReadings(usable(cache, wanted, pending))
        .groupBy(col(KEY).as("_cache_key"))
        .agg(map_from_entries(collect_list(struct(col(READINGS), col(ANALYSIS)))).as("_entries"));
    Column readings = coalesce(CacheKey.labels(model, col(Columns.SOURCE)), lit(""));
    return keyed.join(entries, keyed.col(Columns.CACHE_KEY).equalTo(entries.col("_cache_key")), "left")
        .withColumn(Columns.CACHED, coalesce(element_at(col("_entries"), readings),
            element_at(map_values(col("_entries")), 1)))
        .select(Columns.cols(names()));
  }

  /**
   * {@code entries} (key, analysis, ...) with one entry per key and label readings, and a {@link #READINGS}
   * column: entries of another label model, or of another path of the same, are kept apart.
   */
  static Dataset<Row> oneEntryPerReadings(Dataset<Row> entries) {
    return entries.withColumn(READINGS, coalesce(get_json_object(col(ANALYSIS), "$." + AnalysisCodec.LABELS), lit("")))
        .dropDuplicates(KEY, READINGS);
  }

  /**
   * The entries of {@code cache} whose key is one of {@code wanted} (one column of keys, {@code pending} at
   * most). Up to {@link #LOOKUP_KEYS} keys are collected and looked up by value: Spark pushes them down to
   * Parquet, whose page indexes skip every page of a merged (key-sorted) batch that cannot hold one, so the
   * cost follows the night's posts, not the history. More keys: a semi-join over the whole cache (the keys
   * broadcast up to {@link #BROADCAST_KEYS}), which reads every entry's key but shuffles none.
   */
  public static Dataset<Row> usable(Dataset<Row> cache, Dataset<Row> wanted, long pending) {
    if (pending <= LOOKUP_KEYS) {
      Object[] keys = wanted.collectAsList().stream().map(r -> r.getString(0)).toArray();
      return cache.filter(col(KEY).isin(keys));
    }
    Column wantedKey = wanted.col(wanted.columns()[0]);
    return cache.join(pending <= BROADCAST_KEYS ? broadcast(wanted) : wanted, cache.col(KEY).equalTo(wantedKey),
        "left_semi");
  }

  /**
   * Stages this run's fresh analyses as a new batch of the cache table and, when {@link Compaction} says so,
   * merges a tier of published batches into one, sorted by key: both replace what they cover at the run's
   * commit, so a crash leaves the cache as it was.
   */
  public static void stage(SparkSession spark, TableWriter writer, Dataset<Row> analysed, String batch)
      throws IOException {
    Dataset<Row> fresh = oneEntryPerReadings(analysed.filter(col(Columns.NEW_ANALYSIS).isNotNull())
        .select(col(Columns.CACHE_KEY).as(KEY), col(Columns.NEW_ANALYSIS).as(ANALYSIS)))
        .drop(READINGS)
        .withColumn(BATCH, lit(batch))
        .coalesce(1); // one file per run
    Map<String, Long> published = writer.partitionBytes(TABLE, BATCH);
    Set<String> merge = Compaction.toMerge(published);
    Dataset<Row> old = merge.isEmpty() ? null : writer.existing(spark, TABLE, BATCH, null);
    if (old == null) {
      // A run with nothing new writes no batch (the writer sees which partitions its write made).
      writer.stage(TABLE, fresh, BATCH, merge);
      return;
    }
    String merged = batch + "-merged";
    long bytes = merge.stream().mapToLong(published::get).sum();
    int files = (int) Math.max(1, (bytes + MERGED_FILE_BYTES - 1) / MERGED_FILE_BYTES);
    LOG.info("Annotation cache: merging {} batches ({} MB) into batch {}, sorted by key, in {} files", merge.size(),
        bytes >> 20, merged, files);
    Dataset<Row> sorted = oneEntryPerReadings(old.filter(col(BATCH).isin(merge.toArray()))
        .select(col(KEY), col(ANALYSIS))
        .repartitionByRange(files, col(KEY))) // by range of keys already, so no second shuffle
        .drop(READINGS)
        .withColumn(BATCH, lit(merged));
    // Sorted by batch (the writer's order) and by key, so each file's pages cover narrow ranges of keys.
    writer.stage(TABLE, fresh.unionByName(sorted).sortWithinPartitions(col(BATCH), col(KEY)), BATCH, merge,
        Map.of("parquet.page.row.count.limit", Integer.toString(MERGED_PAGE_ROWS)));
  }

  private static List<String> names() {
    return List.of(Columns.NLP_IN.fieldNames());
  }
}
