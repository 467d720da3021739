package io.moatwatch.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one stage of the job reads and what it adds, by column name (the way CoreNLP's annotators state
 * {@code requires()} and {@code requirementsSatisfied()}). {@link #check} walks the stages in order when the job
 * is assembled and fails, naming the stage and the columns, if one needs a column no earlier stage made; so a
 * reordered or half-edited pipeline fails at start-up, not with an analysis exception half-way through a night.
 *
 * @param name     as in the log and the error
 * @param requires columns it reads
 * @param adds     columns it adds
 */
public record Contract(String name, List<String> requires, List<String> adds) {
  public Contract {
    requires = List.copyOf(requires);
    adds = List.copyOf(adds);
  }

  /**
   * Checks that every stage finds what it requires among the columns of the stages before it, and returns the
   * columns available after the last, in the order they were added.
   */
  public static List<String> check(List<Contract> stages) {
    Set<String> available = new LinkedHashSet<>();
    for (Contract s : stages) {
      List<String> missing = new ArrayList<>();
      for (String c : s.requires()) {
        if (!available.contains(c)) {
          missing.add(c);
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("stage '" + s.name() + "' requires " + missing + ", which no stage before it"
            + " adds (stages: " + stages.stream().map(Contract::name).toList() + ")");
      }
      available.addAll(s.adds());
    }
    return List.copyOf(available);
  }
}
