package io.moatwatch.evaluate;

import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.stats.Prevalence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Does prevalence correction help on labelled data? Draws many random subsamples of a test split with skewed
 * class mixes (the mix itself drawn uniformly from the simplex, items drawn with replacement within each gold
 * class), and compares the mean absolute error of the raw label shares and of the adjusted shares
 * ({@link Prevalence}, from the model's validation confusion matrix, never the test split's) against the
 * subsample's true shares. Seeded: the same figures on every run. Pure.
 *
 * @param subsamples how many subsamples
 * @param size       items per subsample
 * @param rawMae     mean absolute error of the raw shares, over classes and subsamples
 * @param adjustedMae the same for the adjusted shares
 */
record PrevalenceCheck(int subsamples, int size, double rawMae, double adjustedMae) {
  private static final List<String> LABELS = LabelModelSpec.LABELS;

  static PrevalenceCheck run(List<String> gold, List<String> predicted, long[][] validationConfusion,
      int subsamples, int size, long seed) {
    Prevalence prevalence = new Prevalence(validationConfusion);
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < gold.size(); i++) {
      byClass.get(LABELS.indexOf(gold.get(i))).add(i);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double raw = 0;
    double adjusted = 0;
    for (int s = 0; s < subsamples; s++) {
      double[] mix = uniformSimplex(random);
      long[] trueCounts = new long[3];
      long[] predictedCounts = new long[3];
      for (int k = 0; k < size; k++) {
        int c = pick(mix, random.nextDouble());
        if (byClass.get(c).isEmpty()) {
          c = (c + 1) % 3;
        }
        List<Integer> items = byClass.get(c);
        int item = items.get(random.nextInt(items.size()));
        trueCounts[LABELS.indexOf(gold.get(item))]++;
        predictedCounts[LABELS.indexOf(predicted.get(item))]++;
      }
      double[] a = prevalence.adjust(predictedCounts);
      for (int c = 0; c < 3; c++) {
        double truth = (double) trueCounts[c] / size;
        raw += Math.abs((double) predictedCounts[c] / size - truth);
        adjusted += Math.abs(a[c] - truth);
      }
    }
    return new PrevalenceCheck(subsamples, size, raw / (3.0 * subsamples), adjusted / (3.0 * subsamples));
  }

  private static double[] uniformSimplex(SplittableRandom random) {
    double a = -Math.log(1 - random.nextDouble());
    double b = -Math.log(1 - random.nextDouble());
    double c = -Math.log(1 - random.nextDouble());
    double sum = a + b + c;
    return new double[] {a / sum, b / sum, c / sum};
  }

  private static int pick(double[] mix, double u) {
    return u < mix[0] ? 0 : u < mix[0] + mix[1] ? 1 : 2;
  }
}
