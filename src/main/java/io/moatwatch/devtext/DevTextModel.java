package io.moatwatch.devtext;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A three-class sentiment model for developer text (negative / neutral / positive): multinomial logistic
 * regression with L2 regularisation over {@link TextFeatures}, trained on the labelled developer sets' training
 * splits by {@code jobs/evaluate.sh --train-devtext} (QUALITY.md). Pure Java, immutable and serializable after
 * training: the driver loads it once and it travels to the executors with the NLP stage.
 */
public final class DevTextModel implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Class order of the weights and probabilities. */
  public static final List<String> LABELS = List.of("negative", "neutral", "positive");
  private static final String MAGIC = "moatwatch-devtext-model v1";

  private final TextFeatures features;
  private final double[][] weights; // [class][feature]
  private final double[] bias;
  private final String description;

  private DevTextModel(TextFeatures features, double[][] weights, double[] bias, String description) {
    this.features = features;
    this.weights = weights;
    this.bias = bias;
    this.description = description;
  }

  /** What it was trained on, as recorded when it was saved. */
  public String description() {
    return description;
  }

  /** The probabilities of negative, neutral, positive for a text. */
  public double[] probabilities(String text) {
    TextFeatures.Sparse x = features.vector(text);
    double[] z = new double[LABELS.size()];
    for (int c = 0; c < z.length; c++) {
      double s = bias[c];
      for (int k = 0; k < x.ids().length; k++) {
        s += weights[c][x.ids()[k]] * x.values()[k];
      }
      z[c] = s;
    }
    return softmax(z);
  }

  /** The most probable label. */
  public String label(String text) {
    double[] p = probabilities(text);
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return LABELS.get(best);
  }

  /**
   * Trains on texts and their labels (from {@link #LABELS}): terms in at least 2 texts, L2 strength {@code c}
   * (larger is weaker, as in scikit-learn), Adagrad over shuffled samples for {@code epochs} passes with a fixed
   * seed, so the same data always gives the same model.
   */
  public static DevTextModel train(List<String> texts, List<String> labels, double c, int epochs,
      String description) {
    TextFeatures f = TextFeatures.fit(texts, 2);
    int n = texts.size();
    int k = LABELS.size();
    List<TextFeatures.Sparse> xs = new ArrayList<>();
    int[] ys = new int[n];
    for (int i = 0; i < n; i++) {
      xs.add(f.vector(texts.get(i)));
      ys[i] = LABELS.indexOf(labels.get(i));
      if (ys[i] < 0) {
        throw new IllegalArgumentException("label '" + labels.get(i) + "' is not one of " + LABELS);
      }
    }
    double[][] w = new double[k][f.size()];
    double[][] g2 = new double[k][f.size()];
    double[] b = new double[k];
    double[] gb2 = new double[k];
    double lambda = 1.0 / (c * n);
    double rate = 0.5;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(42);
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int i : order) {
        TextFeatures.Sparse x = xs.get(i);
        double[] z = new double[k];
        for (int cl = 0; cl < k; cl++) {
          double s = b[cl];
          for (int q = 0; q < x.ids().length; q++) {
            s += w[cl][x.ids()[q]] * x.values()[q];
          }
          z[cl] = s;
        }
        double[] p = softmax(z);
        for (int cl = 0; cl < k; cl++) {
          double err = p[cl] - (ys[i] == cl ? 1 : 0);
          for (int q = 0; q < x.ids().length; q++) {
            int id = x.ids()[q];
            double grad = err * x.values()[q] + lambda * w[cl][id];
            g2[cl][id] += grad * grad;
            w[cl][id] -= rate * grad / (Math.sqrt(g2[cl][id]) + 1e-8);
          }
          gb2[cl] += err * err;
          b[cl] -= rate * err / (Math.sqrt(gb2[cl]) + 1e-8);
        }
      }
    }
    return new DevTextModel(f, w, b, description);
  }

  /** Saves the model as gzipped text: header, description, then one line per term (idf and weights). */
  public void save(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
        new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
      out.write(MAGIC + "\n");
      out.write(description.replace('\n', ' ') + "\n");
      out.write(String.format(Locale.ROOT, "bias\t%.17g\t%.17g\t%.17g%n", bias[0], bias[1], bias[2]));
      String[] terms = new String[features.size()];
      features.index().forEach((t, i) -> terms[i] = t);
      for (int i = 0; i < terms.length; i++) {
        out.write(String.format(Locale.ROOT, "%s\t%.17g\t%.17g\t%.17g\t%.17g%n", terms[i], features.idf()[i],
            weights[0][i], weights[1][i], weights[2][i]));
      }
    }
  }

  /** Loads a saved model; fails with the file and the reason when it is not one. */
  public static DevTextModel load(Path file) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      if (!MAGIC.equals(in.readLine())) {
        throw new IOException(file + " is not a moatwatch devtext model (expected a first line '" + MAGIC + "')");
      }
      String description = in.readLine();
      String[] bias = in.readLine().split("\t");
      double[] b = {Double.parseDouble(bias[1]), Double.parseDouble(bias[2]), Double.parseDouble(bias[3])};
      Map<String, Integer> index = new HashMap<>();
      List<double[]> rows = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split("\t");
        index.put(f[0], rows.size());
        rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
            Double.parseDouble(f[4])});
      }
      double[] idf = new double[rows.size()];
      double[][] w = new double[3][rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        idf[i] = rows.get(i)[0];
        for (int c = 0; c < 3; c++) {
          w[c][i] = rows.get(i)[c + 1];
        }
      }
      return new DevTextModel(new TextFeatures(index, idf), w, b, description);
    } catch (java.util.zip.ZipException | NumberFormatException | ArrayIndexOutOfBoundsException
        | NullPointerException e) {
      throw new IOException(file + " is not a readable moatwatch devtext model: " + e, e);
    }
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
