package io.moatwatch.evaluate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification figures for one set: accuracy, macro-F1, per-class precision / recall / F1 and the confusion
 * matrix (rows gold, columns predicted, in label order). A class never predicted has precision 0; a class with
 * no gold items has recall 0 (and both are reported, so nothing is hidden by the macro average).
 */
public record Metrics(List<String> labels, long[][] confusion, int n, double accuracy, double macroF1,
    Map<String, double[]> perClass) {

  /** Computes the figures from gold and predicted labels (same length, labels from {@code labels}). */
  public static Metrics of(List<String> labels, List<String> gold, List<String> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException("gold and predicted differ in length: " + gold.size() + " vs "
          + predicted.size());
    }
    int k = labels.size();
    long[][] m = new long[k][k];
    for (int i = 0; i < gold.size(); i++) {
      int g = index(labels, gold.get(i));
      int p = index(labels, predicted.get(i));
      m[g][p]++;
    }
    long correct = 0;
    for (int i = 0; i < k; i++) {
      correct += m[i][i];
    }
    Map<String, double[]> per = new LinkedHashMap<>();
    double f1Sum = 0;
    for (int c = 0; c < k; c++) {
      long tp = m[c][c];
      long predictedC = 0;
      long goldC = 0;
      for (int i = 0; i < k; i++) {
        predictedC += m[i][c];
        goldC += m[c][i];
      }
      double precision = predictedC == 0 ? 0 : (double) tp / predictedC;
      double recall = goldC == 0 ? 0 : (double) tp / goldC;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      per.put(labels.get(c), new double[] {precision, recall, f1, goldC});
      f1Sum += f1;
    }
    int n = gold.size();
    return new Metrics(List.copyOf(labels), m, n, n == 0 ? 0 : (double) correct / n, k == 0 ? 0 : f1Sum / k, per);
  }

  private static int index(List<String> labels, String label) {
    int i = labels.indexOf(label);
    if (i < 0) {
      throw new IllegalArgumentException("label '" + label + "' is not one of " + labels);
    }
    return i;
  }
}
