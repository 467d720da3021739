package io.moatwatch.config;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The UTC days a run processes, both ends inclusive; {@link #ALL} means every day found in the input.
 *
 * @param from first day, or null for no lower bound
 * @param to   last day, or null for no upper bound
 */
public record Window(LocalDate from, LocalDate to) implements Serializable {
  public static final Window ALL = new Window(null, null);

  public Window {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("window ends (" + to + ") before it starts (" + from + ")");
    }
  }

  public static Window day(LocalDate day) {
    return new Window(day, day);
  }

  public boolean isAll() {
    return from == null && to == null;
  }

  public boolean contains(Instant t) {
    LocalDate d = t.atZone(ZoneOffset.UTC).toLocalDate();
    return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
  }

  /** Whether the window names a finite set of days (both ends given). */
  public boolean isBounded() {
    return from != null && to != null;
  }

  @Override
  public String toString() {
    if (isAll()) {
      return "all days";
    }
    return (from == null ? "..." : from.toString()) + " to " + (to == null ? "..." : to.toString());
  }
}
