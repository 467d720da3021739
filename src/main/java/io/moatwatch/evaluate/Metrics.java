package io.moatwatch.evaluate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification figures for one set: accuracy, macro-F1, per-class precision / recall / F1 and the confusion
 * matrix (rows gold, columns predicted, in label order). A class never predicted has precision 0; a class with
 * no gold items has recall 0 (and both are reported, so nothing is hidden by the macro average).
 *
 * @param macroF1Interval the 95 % bootstrap interval of macro-F1 ({@link Bootstrap}), or null when not computed
 */
public record Metrics(List<String> labels, long[][] confusion, int n, double accuracy, double macroF1,
    Map<String, double[]> perClass, Bootstrap.Interval macroF1Interval) {

  /**
   * The figures with macro-F1's bootstrap interval, resampling {@code clusters} (one per item: items of one
   * cluster, such as the posts of one thread, are drawn together).
   */
  public static Metrics of(List<String> labels, List<String> gold, List<String> predicted, List<String> clusters) {
    Metrics m = of(labels, gold, predicted);
    return new Metrics(m.labels, m.confusion, m.n, m.accuracy, m.macroF1, m.perClass,
        Bootstrap.macroF1(labels, gold, predicted, clusters));
  }

  /** Computes the figures from gold and predicted labels (same length, labels from {@code labels}). */
  public static Metrics of(List<String> labels, List<String> gold, List<String> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException("gold and predicted differ in length: " + gold.size() + " vs "
          + predicted.size());
    }
    int k = labels.size();
    long[][] m = new long[k][k];
    for (int i = 0; i < gold.size(); i++) {
      m[index(labels, gold.get(i))][index(labels, predicted.get(i))]++;
    }
    long correct = 0;
    for (int i = 0; i < k; i++) {
      correct += m[i][i];
    }
    Map<String, double[]> per = new LinkedHashMap<>();
    for (int c = 0; c < k; c++) {
      per.put(labels.get(c), perClass(m, c));
    }
    int n = gold.size();
    return new Metrics(List.copyOf(labels), m, n, n == 0 ? 0 : (double) correct / n, macroF1(m), per, null);
  }

  /** Macro-F1 of a confusion matrix (rows gold, columns predicted): the mean of every class's F1. */
  static double macroF1(long[][] m) {
    double sum = 0;
    for (int c = 0; c < m.length; c++) {
      sum += perClass(m, c)[2];
    }
    return m.length == 0 ? 0 : sum / m.length;
  }

  /** Precision, recall, F1 and gold support of class {@code c}. */
  private static double[] perClass(long[][] m, int c) {
    long tp = m[c][c];
    long predictedC = 0;
    long goldC = 0;
    for (int i = 0; i < m.length; i++) {
      predictedC += m[i][c];
      goldC += m[c][i];
    }
    double precision = predictedC == 0 ? 0 : (double) tp / predictedC;
    double recall = goldC == 0 ? 0 : (double) tp / goldC;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new double[] {precision, recall, f1, goldC};
  }

  static int index(List<String> labels, String label) {
    int i = labels.indexOf(label);
    if (i < 0) {
      throw new IllegalArgumentException("label '" + label + "' is not one of " + labels);
    }
    return i;
  }
}
