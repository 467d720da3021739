package io.moatwatch.spark;

import io.moatwatch.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver-only: writes partitioned Parquet tables so that re-running a day replaces exactly that day.
 *
 * <p>Writes use Spark's dynamic partition overwrite, which replaces the partitions the new data has and leaves
 * the others alone. A day that the run covers but that now has no rows (its posts were all rejected, or the
 * input lost them) would keep its old partition that way, so such partitions are deleted afterwards.
 */
public final class TableWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

  private final String output;
  private final Configuration conf;

  TableWriter(String output, Configuration conf) {
    this.output = output;
    this.conf = conf;
  }

  /**
   * Writes {@code rows} to {@code <output>/<table>} partitioned by {@code partitionColumn}, then removes
   * partitions whose values are in {@code replaced} but not in the data.
   */
  void write(String table, Dataset<Row> rows, String partitionColumn, Set<String> replaced, Set<String> written)
      throws IOException {
    long start = System.nanoTime();
    String path = output + "/" + table;
    rows.write().mode(SaveMode.Overwrite).partitionBy(partitionColumn).parquet(path);
    LOG.info("Wrote {} ({} {} partitions) in {} s", table, written.size(), partitionColumn,
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
    Set<String> stale = new HashSet<>(replaced);
    stale.removeAll(written);
    Path tablePath = new Path(path);
    FileSystem fs = tablePath.getFileSystem(conf);
    for (String value : stale) {
      Path partition = new Path(tablePath, partitionColumn + "=" + value);
      if (fs.exists(partition)) {
        LOG.info("Removing {}: the run covers {} but has no {} rows for it", partition, value, table);
        fs.delete(partition, true);
      }
    }
  }

  /**
   * An already written table (all partitions, or only {@code partitionColumn=value} when a value is given), or
   * null when there is none or it holds no rows. Partition values are read back as strings, as they were written.
   */
  Dataset<Row> existing(SparkSession spark, String table, String partitionColumn, String value) throws IOException {
    Path tablePath = new Path(output + "/" + table);
    Path path = value == null ? tablePath : new Path(tablePath, partitionColumn + "=" + value);
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path) || !hasParquet(fs, path)) {
      return null; // never written, or written empty (a run that found nothing leaves only _SUCCESS)
    }
    Dataset<Row> rows = spark.read().option("basePath", tablePath.toString()).parquet(path.toString());
    return rows.withColumn(partitionColumn, rows.col(partitionColumn).cast("string"));
  }

  private static boolean hasParquet(FileSystem fs, Path path) throws IOException {
    var files = fs.listFiles(path, true);
    while (files.hasNext()) {
      if (files.next().getPath().getName().endsWith(".parquet")) {
        return true;
      }
    }
    return false;
  }

  /** Writes a small text file (the manifest) atomically enough: to a temporary name, then renamed. */
  void writeText(String relative, String text) throws IOException {
    Path target = new Path(output + "/" + relative);
    FileSystem fs = target.getFileSystem(conf);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    fs.setWriteChecksum(false); // no .crc files beside the manifest on the local file system
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    if (fs.exists(target)) {
      fs.delete(target, false);
    }
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }

  /** Fails with a {@link ConfigException} if the output directory cannot be created or written. */
  public static void checkWritable(String output, Configuration conf) throws ConfigException {
    try {
      Path runs = new Path(output + "/_runs");
      FileSystem fs = runs.getFileSystem(conf);
      if (!fs.mkdirs(runs)) {
        throw new ConfigException("output " + output + " cannot be created");
      }
      Path probe = new Path(runs, ".write-probe");
      fs.setWriteChecksum(false);
      try (OutputStream out = fs.create(probe, true)) {
        out.write('x');
      }
      fs.delete(probe, false);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("output " + output + " is not writable: " + e.getMessage());
    }
  }

}
