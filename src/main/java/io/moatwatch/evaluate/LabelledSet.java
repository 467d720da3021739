package io.moatwatch.evaluate;

import io.moatwatch.schema.Markup;
import java.util.List;

/**
 * A labelled evaluation set, already split: the items a figure is reported on ({@code test}) and the items a
 * calibration may be tuned on ({@code tuning}, empty when the set has none).
 *
 * @param name    short name used in reports and on the command line ({@code github}, {@code sst5})
 * @param title   what it is, for reports
 * @param space   the label space the gold labels are in
 * @param markup  how the job's cleaning should read the texts
 * @param test    the reported split
 * @param tuning  the split a calibration may use (never the test split)
 * @param platform the platform (the job's {@code source}) the job would read its items from, as the label model
 *                 may read some platforms' posts through a path of their own; null: none (an item may say its own)
 */
public record LabelledSet(String name, String title, Space space, Markup markup, List<LabelledItem> test,
    List<LabelledItem> tuning, String platform) {

  /** A set of no platform. */
  public LabelledSet(String name, String title, Space space, Markup markup, List<LabelledItem> test,
      List<LabelledItem> tuning) {
    this(name, title, space, markup, test, tuning, null);
  }

  /** The label spaces of the sets. */
  public enum Space {
    /** SST-5: the five CoreNLP classes, {@code 0} .. {@code 4}. */
    FIVE(List.of("0", "1", "2", "3", "4")),
    /** positive / neutral / negative. */
    THREE(List.of("negative", "neutral", "positive")),
    /** positive / negative (SST-2). */
    TWO(List.of("negative", "positive"));

    private final List<String> labels;

    Space(List<String> labels) {
      this.labels = labels;
    }

    public List<String> labels() {
      return labels;
    }
  }

  public LabelledSet {
    test = List.copyOf(test);
    tuning = List.copyOf(tuning);
  }

  /** The same set with only the first {@code n} items of each split (for quick runs). */
  public LabelledSet limit(int n) {
    return new LabelledSet(name, title, space, markup, test.subList(0, Math.min(n, test.size())),
        tuning.subList(0, Math.min(n, tuning.size())), platform);
  }
}
