package io.moatwatch.output;

import io.moatwatch.schema.Status;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record counts of a run, by status, and the three buckets they reconcile into:
 * {@code read = analysed + skipped + rejected}. Built from the per-status counts of every input record.
 */
public record RunCounts(long read, long analysed, long skipped, long rejected, Map<String, Long> byStatus) {

  public RunCounts {
    byStatus = Collections.unmodifiableMap(new TreeMap<>(byStatus));
  }

  /** Sorts per-status counts into the buckets; fails on a status it does not know. */
  public static RunCounts of(Map<String, Long> byStatus) {
    long analysed = 0;
    long skipped = 0;
    long rejected = 0;
    long read = 0;
    for (var e : byStatus.entrySet()) {
      Status status = Status.fromLabel(e.getKey());
      if (status == Status.PENDING) {
        throw new IllegalStateException(e.getValue() + " records are still pending after the NLP stage");
      }
      read += e.getValue();
      switch (status.outcome()) {
        case ANALYSED -> analysed += e.getValue();
        case SKIPPED -> skipped += e.getValue();
        case REJECTED -> rejected += e.getValue();
      }
    }
    return new RunCounts(read, analysed, skipped, rejected, byStatus);
  }

  /** Whether the buckets add up to what was read. */
  public boolean reconciled() {
    return read == analysed + skipped + rejected
        && read == byStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line for the log and the console, e.g. {@code read 120 = analysed 80 + skipped 38 + rejected 2}. */
  public String summaryLine() {
    StringBuilder s = new StringBuilder()
        .append("read ").append(read)
        .append(" = analysed ").append(analysed)
        .append(" + skipped ").append(skipped)
        .append(" + rejected ").append(rejected)
        .append(reconciled() ? "" : "  [DOES NOT RECONCILE]");
    s.append("  (");
    String sep = "";
    for (var e : byStatus.entrySet()) {
      s.append(sep).append(e.getKey()).append(' ').append(e.getValue());
      sep = ", ";
    }
    return s.append(')').toString();
  }
}
