package io.moatwatch.evaluate;

import io.moatwatch.schema.Markup;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One labelled text of an evaluation set.
 *
 * @param id    the set's own id, or the line/position
 * @param text  the text as distributed
 * @param gold  the gold label in the set's label space (see {@link LabelledSet.Space})
 * @param about what a richer set says besides the label (the GPU-thread corpus), or null
 */
public record LabelledItem(String id, String text, String gold, About about) {

  public LabelledItem(String id, String text, String gold) {
    this(id, text, gold, null);
  }

  /**
   * What a bootstrap resamples this item with ({@link Bootstrap}): its thread, where the set says (the posts of one
   * thread are drawn together), else the item alone (its position in the set, {@code index}).
   */
  public String cluster(int index) {
    return about != null && about.thread() != null && !about.thread().isEmpty() ? "thread " + about.thread()
        : "item " + index;
  }

  /** {@link #cluster} of every item of a set, in order. */
  public static List<String> clusters(List<LabelledItem> items) {
    return IntStream.range(0, items.size()).mapToObj(i -> items.get(i).cluster(i)).toList();
  }

  /**
   * What the GPU-thread corpus says of a post besides its polarity.
   *
   * @param platform {@code hn}, {@code github}, {@code forum} ...
   * @param markup   how the job's cleaning reads it
   * @param flags    {@code sarcasm}, {@code comparison}, {@code mixed}, {@code question} ...
   * @param stance   the author's attitude toward each stack the post names (gold), by stack key
   * @param thread   the thread the post is in (the corpus's thread key)
   */
  public record About(String platform, Markup markup, List<String> flags, Map<String, String> stance, String thread) {
    public About {
      flags = List.copyOf(flags);
      stance = Map.copyOf(stance);
    }

    /** Every platform but the issue trackers and Q&A is a debate venue (the corpus's own definition). */
    public boolean debate() {
      return !issueTracker() && !qa();
    }

    public boolean issueTracker() {
      return platform.equals("github") || platform.equals("gitlab");
    }

    public boolean qa() {
      return platform.equals("stackexchange");
    }
  }
}
