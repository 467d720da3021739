package io.moatwatch.output;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every count the manifest and the log report, from one aggregation of the analysed rows (one Spark job instead
 * of five): rows of (file, format, status, analysis source, skip-reason kind) with their record and sentence
 * counts. Pure: the job collects the rows, this class adds them up.
 */
public final class RunTally {
  /** One group of the aggregation; {@code source} and {@code reasonKind} may be null. */
  public record Entry(String file, String format, String status, String source, String reasonKind, long records,
      long sentences) {}

  private final List<Entry> entries;

  public RunTally(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Records per final status. */
  public Map<String, Long> byStatus() {
    Map<String, Long> out = new TreeMap<>();
    entries.forEach(e -> out.merge(e.status(), e.records(), Long::sum));
    return out;
  }

  /** Analysed posts per analysis source ({@code nlp}, {@code cache}, {@code duplicate}). */
  public Map<String, Long> sources() {
    Map<String, Long> out = new TreeMap<>();
    entries.stream().filter(e -> e.source() != null).forEach(e -> out.merge(e.source(), e.records(), Long::sum));
    return out;
  }

  /** Sentences CoreNLP found in the analysed posts. */
  public long sentences() {
    return entries.stream().mapToLong(Entry::sentences).sum();
  }

  /** Records per file and status; every one of {@code files} is listed, an empty file with no statuses. */
  public Map<String, Map<String, Long>> perFile(List<String> files) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    entries.forEach(e -> out.computeIfAbsent(e.file(), f -> new TreeMap<>()).merge(e.status(), e.records(), Long::sum));
    files.forEach(f -> out.putIfAbsent(f, new TreeMap<>()));
    return out;
  }

  /** The format each file was read as (files whose every record was unreadable have none). */
  public Map<String, String> formats() {
    Map<String, String> out = new HashMap<>();
    entries.stream().filter(e -> !"unknown".equals(e.format())).forEach(e -> out.put(e.file(), e.format()));
    return out;
  }

  /** Skipped records per {@code status: reason kind}. */
  public Map<String, Long> skipReasons() {
    Map<String, Long> out = new TreeMap<>();
    entries.stream().filter(e -> e.reasonKind() != null)
        .forEach(e -> out.merge(e.status() + ": " + e.reasonKind(), e.records(), Long::sum));
    return out;
  }
}
