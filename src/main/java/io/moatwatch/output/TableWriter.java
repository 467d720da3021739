package io.moatwatch.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * Driver-only: writes a run's partitioned Parquet tables so that a reader never sees half of a run, and
 * re-running a day replaces exactly that day.
 *
 * <p>Every table is first written whole to {@code <output>/_staging/<run_id>/<table>}, where no reader looks.
 * Then a commit record ({@code _COMMIT}: which partitions each table replaces, which of them have new rows,
 * and the run's final manifest) is written atomically, and only then are partition directories renamed into
 * place: the old {@code dt=…} directory aside, the staged one in (a rename of a directory is atomic on HDFS
 * and local file systems; on object stores it is a copy, see docs/OUTPUTS.md). Last the manifest is
 * published and the staging directory deleted.
 *
 * <p>A run that dies before its commit record leaves the published tables as they were; one that dies after
 * it is completed by {@link #recover()}, which every run calls before it starts. Both are idempotent.
 */
public final class TableWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);
  private static final JsonMapper JSON = new JsonMapper();
  static final String STAGING = "_staging";
  static final String COMMIT = "_COMMIT";

  private final String output;
  private final Configuration conf;
  private final String runId;
  private final List<Staged> staged = new ArrayList<>();

  /** What one table of this run replaces. */
  private record Staged(String table, String column, Set<String> replaced, Set<String> written) {}

  public TableWriter(String output, Configuration conf, String runId) {
    this.output = output;
    this.conf = conf;
    this.runId = runId;
  }

  /**
   * Writes {@code rows} to this run's staging copy of {@code table}, partitioned by {@code partitionColumn}, and
   * returns the values the staged rows have: the partition directories Spark wrote, so that the rows are computed
   * once (no second pass to find their values first). At commit, the partitions of {@code replaced} and of the
   * returned values are replaced by the staged ones, or removed when the run has no rows for them.
   */
  public Set<String> stage(String table, Dataset<Row> rows, String partitionColumn, Set<String> replaced)
      throws IOException {
    return stage(table, rows, partitionColumn, replaced, Map.of());
  }

  /** {@link #stage(String, Dataset, String, Set)} with Parquet writer settings ({@code parquet.*} options). */
  public Set<String> stage(String table, Dataset<Row> rows, String partitionColumn, Set<String> replaced,
      Map<String, String> parquetOptions) throws IOException {
    long start = System.nanoTime();
    rows.write().mode(SaveMode.Overwrite).options(parquetOptions).partitionBy(partitionColumn)
        .parquet(stagingDir() + "/" + table);
    Set<String> written = stagedValues(table, partitionColumn);
    Set<String> all = new TreeSet<>(replaced);
    all.addAll(written);
    staged.add(new Staged(table, partitionColumn, all, written));
    LOG.info("Wrote {} ({} {} partitions) to staging in {} s", table, written.size(), partitionColumn,
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
    return written;
  }

  /**
   * The values of the {@code column=value} directories of this run's staged {@code table}, as the commit moves them
   * (the tables' partition values, days, run ids and batch ids, are plain file names), sorted and unmodifiable.
   */
  private Set<String> stagedValues(String table, String column) throws IOException {
    return Collections.unmodifiableSortedSet(new TreeSet<>(partitionDirs(new Path(stagingDir(), table), column)
        .keySet()));
  }

  /** The {@code column=value} directories of the table at {@code tablePath}, by value, sorted; none without it. */
  private Map<String, Path> partitionDirs(Path tablePath, String column) throws IOException {
    FileSystem fs = tablePath.getFileSystem(conf);
    Map<String, Path> dirs = new TreeMap<>();
    if (!fs.exists(tablePath)) {
      return dirs;
    }
    String prefix = column + "=";
    for (FileStatus f : fs.listStatus(tablePath)) {
      String name = f.getPath().getName();
      if (f.isDirectory() && name.startsWith(prefix)) {
        dirs.put(name.substring(prefix.length()), f.getPath());
      }
    }
    return dirs;
  }

  /**
   * Publishes everything staged, then {@code manifestJson} as {@code _runs/<run_id>.json}. Once the commit
   * record is written the run is committed: a crash after it is completed by the next run's {@link #recover()}.
   */
  public void commit(String manifestJson) throws IOException {
    long start = System.nanoTime();
    apply(new Path(stagingDir()), writeCommitRecord(manifestJson));
    LOG.info("Committed run {}: {} tables published in {} s", runId, staged.size(),
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
  }

  /** The first half of {@link #commit}: after this the run is committed, whatever happens to this process. */
  JsonNode writeCommitRecord(String manifestJson) throws IOException {
    ObjectNode record = JSON.createObjectNode();
    record.put("run_id", runId);
    record.put("manifest", manifestJson);
    ArrayNode tables = record.putArray("tables");
    for (Staged s : staged) {
      ObjectNode t = tables.addObject();
      t.put("table", s.table());
      t.put("column", s.column());
      s.replaced().forEach(t.putArray("replaced")::add);
      s.written().forEach(t.putArray("written")::add);
    }
    writeFile(new Path(stagingDir(), COMMIT), JSON.writeValueAsString(record));
    return record;
  }

  /** After a failed run: deletes its staged tables unless it was already committed (then recovery finishes it). */
  public void discardUncommitted() throws IOException {
    Path dir = new Path(stagingDir());
    FileSystem fs = dir.getFileSystem(conf);
    if (fs.exists(dir) && !fs.exists(new Path(dir, COMMIT))) {
      fs.delete(dir, true);
    }
  }

  /**
   * Settles runs that an earlier crash left in {@code _staging}: completes those with a commit record, deletes
   * the staging files of those without one (their tables were never published) and marks their manifest as
   * failed. Returns what it did, one line per run, for the log.
   */
  public List<String> recover() throws IOException {
    Path root = new Path(output, STAGING);
    FileSystem fs = root.getFileSystem(conf);
    List<String> done = new ArrayList<>();
    if (!fs.exists(root)) {
      return done;
    }
    for (FileStatus dir : fs.listStatus(root)) {
      if (!dir.isDirectory()) {
        continue;
      }
      String id = dir.getPath().getName();
      Path commit = new Path(dir.getPath(), COMMIT);
      if (fs.exists(commit)) {
        JsonNode record;
        try (InputStream in = fs.open(commit)) {
          record = JSON.readTree(in);
        }
        apply(dir.getPath(), record);
        done.add("completed the commit of interrupted run " + id);
      } else {
        fs.delete(dir.getPath(), true);
        Path manifest = new Path(output, "_runs/" + id + ".json");
        if (fs.exists(manifest)) {
          ObjectNode m;
          try (InputStream in = fs.open(manifest)) {
            m = (ObjectNode) JSON.readTree(in);
          }
          if ("running".equals(m.path("status").asText())) {
            m.put("status", "failed");
            m.put("error", "interrupted before its output was committed: none of it was published "
                + "(found and cleaned up by a later run)");
            writeFile(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
          }
        }
        done.add("removed the unpublished output of interrupted run " + id);
      }
    }
    fs.delete(root, false);
    done.forEach(line -> LOG.warn("Recovery: {}", line));
    return done;
  }

  /** Moves staged partitions into place as {@code record} says; safe to repeat after a crash at any point. */
  private void apply(Path stagingDir, JsonNode record) throws IOException {
    FileSystem fs = stagingDir.getFileSystem(conf);
    for (JsonNode t : record.get("tables")) {
      String table = t.get("table").asText();
      String column = t.get("column").asText();
      Set<String> written = new TreeSet<>();
      t.get("written").forEach(v -> written.add(v.asText()));
      Path published = new Path(output, table);
      fs.mkdirs(published);
      for (JsonNode v : t.get("replaced")) {
        String dir = column + "=" + v.asText();
        Path target = new Path(published, dir);
        Path incoming = new Path(new Path(stagingDir, table), dir);
        Path aside = new Path(new Path(stagingDir, "_replaced/" + table), dir);
        if (written.contains(v.asText())) {
          if (!fs.exists(incoming)) {
            continue; // already moved in by an earlier attempt
          }
          moveAside(fs, target, aside);
          rename(fs, incoming, target);
        } else if (fs.exists(target)) {
          LOG.info("Removing {}: the run covers {} but has no {} rows for it", target, v.asText(), table);
          moveAside(fs, target, aside);
        }
      }
    }
    writeFile(new Path(output, "_runs/" + record.get("run_id").asText() + ".json"), record.get("manifest").asText());
    fs.delete(stagingDir, true);
    Path root = stagingDir.getParent();
    if (fs.exists(root) && fs.listStatus(root).length == 0) {
      fs.delete(root, false);
    }
  }

  private static void moveAside(FileSystem fs, Path target, Path aside) throws IOException {
    if (!fs.exists(target)) {
      return;
    }
    if (fs.exists(aside)) {
      fs.delete(aside, true);
    }
    fs.mkdirs(aside.getParent());
    rename(fs, target, aside);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  private String stagingDir() {
    return output + "/" + STAGING + "/" + runId;
  }

  /**
   * A published table (all partitions, or only {@code partitionColumn=value} when a value is given), or null
   * when there is none or it holds no rows. Partition values are read back as strings, as they were written.
   */
  public Dataset<Row> existing(SparkSession spark, String table, String partitionColumn, String value) throws IOException {
    Path tablePath = new Path(output + "/" + table);
    Path path = value == null ? tablePath : new Path(tablePath, partitionColumn + "=" + value);
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path) || !hasParquet(fs, path)) {
      return null; // never written, or no partitions yet
    }
    Dataset<Row> rows = spark.read().option("basePath", tablePath.toString()).parquet(path.toString());
    return rows.withColumn(partitionColumn, rows.col(partitionColumn).cast("string"));
  }

  /**
   * The bytes of Parquet data in each published partition of {@code table} ({@code partitionColumn=value}
   * directories), by partition value; empty when the table does not exist.
   */
  public Map<String, Long> partitionBytes(String table, String partitionColumn) throws IOException {
    Path tablePath = new Path(output + "/" + table);
    FileSystem fs = tablePath.getFileSystem(conf);
    Map<String, Long> bytes = new TreeMap<>();
    for (var dir : partitionDirs(tablePath, partitionColumn).entrySet()) {
      long total = 0;
      for (FileStatus file : fs.listStatus(dir.getValue())) {
        if (file.isFile() && file.getPath().getName().endsWith(".parquet")) {
          total += file.getLen();
        }
      }
      bytes.put(dir.getKey(), total);
    }
    return bytes;
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

  /** Writes a small text file under the output (the manifest) atomically: to a temporary name, then renamed. */
  public void writeText(String relative, String text) throws IOException {
    writeFile(new Path(output + "/" + relative), text);
  }

  private void writeFile(Path target, String text) throws IOException {
    FileSystem fs = target.getFileSystem(conf);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    fs.setWriteChecksum(false); // no .crc files beside the manifest on the local file system
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    if (fs.exists(target)) {
      fs.delete(target, false);
    }
    rename(fs, tmp, target);
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
