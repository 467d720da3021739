package io.moatwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.moatwatch.evaluate.Bootstrap.Interval;
import io.moatwatch.evaluate.Evaluator.Prediction;
import io.moatwatch.schema.Markup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  private static final List<String> L = List.of("negative", "neutral", "positive");

  /** {@code copies} copies of nine items: each class three times, one of each three read as the next class. */
  private static List<List<String>> items(int copies) {
    List<String> gold = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      for (int k = 0; k < 3; k++) {
        for (int j = 0; j < 3; j++) {
          gold.add(L.get(k));
          predicted.add(L.get(j == 0 ? (k + 1) % 3 : k));
        }
      }
    }
    return List.of(gold, predicted);
  }

  private static List<String> eachItsOwn(int n) {
    return IntStream.range(0, n).mapToObj(i -> "item " + i).toList();
  }

  @Test
  void theIntervalHoldsTheFigureAndNarrowsAsTheSetGrows() {
    List<List<String>> small = items(10); // 90 items, macro-F1 2/3
    List<List<String>> large = items(160); // 1,440 items, the same figure
    Interval a = Bootstrap.macroF1(L, small.get(0), small.get(1), eachItsOwn(90));
    Interval b = Bootstrap.macroF1(L, large.get(0), large.get(1), eachItsOwn(1440));
    assertThat(a.contains(2.0 / 3)).as(a.toString()).isTrue();
    assertThat(b.contains(2.0 / 3)).as(b.toString()).isTrue();
    // Four times the width at sixteen times the items (the square root), within the resampling's own noise.
    assertThat((a.high() - a.low()) / (b.high() - b.low())).isCloseTo(4.0, within(0.6));
    assertThat(a.high() - a.low()).isBetween(0.12, 0.30);
  }

  @Test
  void aPerfectReadingHasNoWidthAndTheSameSeedGivesTheSameInterval() {
    List<String> gold = items(5).get(0);
    assertThat(Bootstrap.macroF1(L, gold, gold, eachItsOwn(45))).isEqualTo(new Interval(1.0, 1.0));
    List<List<String>> x = items(7);
    assertThat(Bootstrap.macroF1(L, x.get(0), x.get(1), eachItsOwn(63)))
        .isEqualTo(Bootstrap.macroF1(L, x.get(0), x.get(1), eachItsOwn(63)));
  }

  @Test
  void postsOfOneThreadAreDrawnTogetherSoTheirErrorsCountOnce() {
    // 90 items whose errors all sit in three "threads" of ten: resampled by thread the figure moves much more than
    // with every item drawn on its own.
    List<String> gold = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    List<String> threads = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      String g = L.get(i % 3);
      gold.add(g);
      boolean wrong = i < 30;
      predicted.add(wrong ? L.get((i + 1) % 3) : g);
      threads.add(wrong ? "bad " + i / 10 : "good " + i);
    }
    Interval items = Bootstrap.macroF1(L, gold, predicted, eachItsOwn(90));
    Interval byThread = Bootstrap.macroF1(L, gold, predicted, threads);
    assertThat(byThread.high() - byThread.low()).isGreaterThan(1.5 * (items.high() - items.low()));
  }

  @Test
  void aPairedDifferenceSeesWhatTwoSeparateIntervalsCannot() {
    List<List<String>> x = items(10);
    List<String> gold = x.get(0);
    List<String> worse = new ArrayList<>(x.get(1));
    // b gets eight more items wrong than a: a difference within either's interval, but on the same items in every
    // resample.
    for (int i : new int[] {1, 11, 21, 31, 41, 51, 61, 71}) {
      worse.set(i, L.get((L.indexOf(gold.get(i)) + 2) % 3));
    }
    Interval a = Bootstrap.macroF1(L, gold, x.get(1), eachItsOwn(90));
    Interval b = Bootstrap.macroF1(L, gold, worse, eachItsOwn(90));
    assertThat(b.high()).as("the two intervals overlap").isGreaterThan(a.low());
    Interval gain = Bootstrap.difference(L, gold, x.get(1), worse, eachItsOwn(90));
    assertThat(gain.low()).as(gain.toString()).isGreaterThan(0);
    assertThat(Bootstrap.difference(L, gold, worse, worse, eachItsOwn(90))).isEqualTo(new Interval(0, 0));
  }

  @Test
  void lengthsMustAgreeAndNoItemsGiveNoInterval() {
    assertThatThrownBy(() -> Bootstrap.macroF1(L, List.of("neutral"), List.of("neutral"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Bootstrap.macroF1(L, List.of(), List.of(), List.of())).isNull();
  }

  @Test
  void metricsCarryTheIntervalOnlyWhenAskedAndTheCorpusResamplesByThread() {
    List<List<String>> x = items(4);
    assertThat(Metrics.of(L, x.get(0), x.get(1)).macroF1Interval()).isNull();
    Metrics m = Metrics.of(L, x.get(0), x.get(1), eachItsOwn(36));
    assertThat(m.macroF1Interval().contains(m.macroF1())).isTrue();

    LabelledItem.About about = new LabelledItem.About("hn", Markup.PLAIN, List.of(), Map.of(), "hn:1");
    List<LabelledItem> set = List.of(new LabelledItem("a", "x", "neutral", about),
        new LabelledItem("b", "y", "neutral", about), new LabelledItem("c", "z", "neutral"));
    assertThat(LabelledItem.clusters(set)).containsExactly("thread hn:1", "thread hn:1", "item 2");
  }

  @Test
  void stanceFiguresGiveTheGainOverThePostLabelPerGroup() {
    // Twelve posts naming CUDA and ROCm, each its own thread: the stance reading gets every pair right, the post's
    // label (negative, from "CUDA just works, ROCm has been hell") gets CUDA wrong.
    List<LabelledItem> items = new ArrayList<>();
    List<Prediction> predictions = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      items.add(new LabelledItem("p" + i, "CUDA just works, ROCm has been hell", "negative",
          new LabelledItem.About("hn", Markup.PLAIN, List.of("comparison"),
              Map.of("cuda", "positive", "rocm", "negative"), "hn:" + i)));
      // Only the stance readings are read here; the post's own label is given below.
      predictions.add(new Prediction(null,
          Map.of("cuda", new double[] {0.1, 0.1, 0.8}, "rocm", new double[] {0.8, 0.1, 0.1})));
    }
    Slices.Stance s = Slices.stance(L, items, predictions, Collections.nCopies(12, "negative"));
    assertThat(s.metrics().get("stance, all").macroF1()).isCloseTo(2.0 / 3, within(1e-9)); // no neutral gold
    assertThat(s.metrics().get("post label, all").macroF1()).isCloseTo(2.0 / 9, within(1e-9));
    assertThat(s.gain().get("all").low()).isGreaterThan(0.2);
    assertThat(s.gain().get("rocm")).isEqualTo(new Interval(0, 0));
    assertThat(s.gain()).containsOnlyKeys("all", "cuda", "rocm");
  }
}
