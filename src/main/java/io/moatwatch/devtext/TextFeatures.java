package io.moatwatch.devtext;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bag-of-words features of a text: lower-cased words of two or more letters, digits or underscores, and pairs of
 * consecutive words; term weights are TF-IDF with sublinear term frequency, and each vector has unit length.
 * Immutable once built; serializable (travels to executors inside {@link DevTextModel}).
 */
public final class TextFeatures implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]{2,}");

  private final Map<String, Integer> index;
  private final double[] idf;

  TextFeatures(Map<String, Integer> index, double[] idf) {
    this.index = index;
    this.idf = idf;
  }

  /** Learns the vocabulary (terms in at least {@code minDf} texts) and the IDF weights from training texts. */
  static TextFeatures fit(List<String> texts, int minDf) {
    Map<String, Integer> df = new HashMap<>();
    for (String t : texts) {
      for (String term : new java.util.HashSet<>(terms(t))) {
        df.merge(term, 1, Integer::sum);
      }
    }
    Map<String, Integer> index = new HashMap<>();
    List<Double> idf = new ArrayList<>();
    // Sorted, so the same texts always give the same feature numbers.
    for (var e : new TreeMap<>(df).entrySet()) {
      if (e.getValue() >= minDf) {
        index.put(e.getKey(), index.size());
        idf.add(Math.log((1.0 + texts.size()) / (1.0 + e.getValue())) + 1.0);
      }
    }
    return new TextFeatures(index, idf.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Words and word pairs of a text. */
  static List<String> terms(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    List<String> terms = new ArrayList<>(words);
    for (int i = 1; i < words.size(); i++) {
      terms.add(words.get(i - 1) + " " + words.get(i));
    }
    return terms;
  }

  /** The sparse unit-length TF-IDF vector of a text: feature numbers and their weights. */
  Sparse vector(String text) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (String term : terms(text)) {
      Integer i = index.get(term);
      if (i != null) {
        counts.merge(i, 1, Integer::sum);
      }
    }
    int[] ids = new int[counts.size()];
    double[] values = new double[counts.size()];
    double norm = 0;
    int k = 0;
    for (var e : counts.entrySet()) {
      ids[k] = e.getKey();
      values[k] = (1 + Math.log(e.getValue())) * idf[e.getKey()];
      norm += values[k] * values[k];
      k++;
    }
    norm = Math.sqrt(norm);
    for (int j = 0; j < values.length && norm > 0; j++) {
      values[j] /= norm;
    }
    return new Sparse(ids, values);
  }

  int size() {
    return idf.length;
  }

  Map<String, Integer> index() {
    return index;
  }

  double[] idf() {
    return idf;
  }

  /** A sparse vector. */
  record Sparse(int[] ids, double[] values) {}
}
