package io.moatwatch.read;

import io.moatwatch.config.JobConfig;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.read.format.ExportReader;
import io.moatwatch.read.prefilter.Needles;
import io.moatwatch.read.prefilter.Prefilter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver-only: what the read stage's tasks read, decided once from the input files' sizes and first records
 * before any task starts: the {@link Slice}s (every file whole, except an uncompressed or .bz2 JSON-lines file
 * larger than the part size, read in parts), and the {@link Prefilter}, or none when no file is to be prefiltered
 * (so a run of small exports starts no first pass).
 *
 * @param files     the input files
 * @param slices    what each read task reads
 * @param prefilter the run's prefilter, or null
 */
public record ReadPlan(List<String> files, List<Slice> slices, Prefilter prefilter) {
  private static final Logger LOG = LoggerFactory.getLogger(ReadPlan.class);

  /** The plan for {@code files}, asking their file systems (through {@code conf}) for sizes and first records. */
  public static ReadPlan of(List<String> files, JobConfig cfg, TopicSet topics, Configuration conf)
      throws IOException {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (String f : files) {
      Path p = new Path(f);
      sizes.put(f, p.getFileSystem(conf).getFileStatus(p).getLen());
    }
    return new ReadPlan(List.copyOf(files), slices(files, sizes, cfg, conf), prefilter(files, sizes, cfg, topics));
  }

  /** The slices the prefilter applies to (its first pass reads these). */
  public List<Slice> prefiltered() {
    return prefilter == null ? List.of() : slices.stream().filter(s -> prefilter.appliesTo(s.file())).toList();
  }

  /** Whether some file the prefilter applies to is read whole (one task decompresses and tests it). */
  public boolean prefiltersAWholeFile() {
    return prefilter != null && slices.stream().anyMatch(s -> s.isWhole() && prefilter.appliesTo(s.file()));
  }

  /** " (N parts)" when the files are read in more parts than there are files. */
  public static String parts(int parts, int files) {
    return parts > files ? " (" + parts + " parts)" : "";
  }

  private static Prefilter prefilter(List<String> files, Map<String, Long> sizes, JobConfig cfg, TopicSet topics) {
    if (!cfg.mayPrefilter()) {
      return null;
    }
    Needles needles = Needles.of(topics);
    if (!needles.usable()) {
      LOG.warn("Prefilter off: {}", needles.reason());
      return null;
    }
    Set<String> chosen = new TreeSet<>();
    for (String f : files) {
      if (Prefilter.wanted(cfg.read().prefilter(), sizes.get(f))) {
        chosen.add(f);
      }
    }
    return chosen.isEmpty() ? null : new Prefilter(needles, chosen);
  }

  /**
   * Every file whole, except an uncompressed or .bz2 JSON-lines file larger than the part size, which is read in
   * parts of that size (its first record, read here, tells the layout), so one big file is read on every core.
   * Each line of JSON lines is a record of its own, whatever the format; threads and duplicates are resolved
   * after the read stage, across parts.
   */
  private static List<Slice> slices(List<String> files, Map<String, Long> sizes, JobConfig cfg, Configuration conf)
      throws IOException {
    List<Slice> out = new ArrayList<>();
    long part = cfg.read().splitBytes();
    for (String f : files) {
      long length = sizes.get(f);
      if (Slice.splittable(f) && length > part && jsonLines(f, cfg.read().format(), conf)) {
        List<Slice> parts = Slice.parts(f, length, part);
        LOG.info("Reading {} ({} MB) in {} parts of {} MB", f, length >> 20, parts.size(), part >> 20);
        out.addAll(parts);
      } else {
        out.add(Slice.whole(f));
      }
    }
    return out;
  }

  /** Whether the first record of {@code file} says it is JSON lines. */
  private static boolean jsonLines(String file, String format, Configuration conf) throws IOException {
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(conf);
    try (InputStream in = fs.open(p); var outcomes = new ExportReader(format).read(in, file)) {
      return outcomes.hasNext() && outcomes.next() != null && outcomes.jsonLines();
    } catch (RuntimeException e) {
      return false; // read whole: the read stage reports what is wrong with it
    }
  }
}
