package io.moatwatch.evaluate;

import java.util.Locale;
import java.util.Map;

/** The Markdown form of an evaluation: one summary table, then per-class figures and confusion matrices. */
final class Report {
  private Report() {}

  static String markdown(Map<String, SetResult> results, Calibration.Search search, String command) {
    StringBuilder md = new StringBuilder("# moatwatch sentiment evaluation\n\n");
    md.append("Command: `").append(command).append("`\n\n");
    md.append(String.format(Locale.ROOT, "Macro-F1 with its 95 %% bootstrap interval in brackets (%,d resamples of the"
        + " items; of the threads for the GPU-thread corpus, whose posts of one thread are drawn together).%n%n",
        Bootstrap.RESAMPLES));
    md.append("| set | n | model accuracy | model macro-F1 | stock accuracy | stock macro-F1 | calibrated accuracy |"
        + " calibrated macro-F1 | CoreNLP posts/s | model posts/s |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (var e : results.entrySet()) {
      SetResult r = e.getValue();
      md.append(String.format(Locale.ROOT, "| %s | %d", e.getKey(), r.set().test().size()));
      for (String mapping : new String[] {"model", "stock", "calibrated"}) {
        Metrics m = r.metrics().get(mapping);
        md.append(m == null ? " | – | –" : String.format(Locale.ROOT, " | %.3f | %s", m.accuracy(), f1(m)));
      }
      int n = r.set().test().size();
      md.append(String.format(Locale.ROOT, " | %s | %s |%n", perSecond(n, r.coreNlpSeconds()),
          perSecond(n, r.modelSeconds())));
    }
    StringBuilder prevalence = new StringBuilder();
    for (var e : results.entrySet()) {
      PrevalenceCheck pc = e.getValue().prevalence();
      if (pc != null) {
        prevalence.append(String.format(Locale.ROOT, "| %s | %d x %d | %.3f | %.3f |%n", e.getKey(), pc.subsamples(),
            pc.size(), pc.rawMae(), pc.adjustedMae()));
      }
    }
    if (prevalence.length() > 0) {
      md.append("\nClass shares on skewed subsamples, mean absolute error against the true shares (raw label"
          + " shares, and adjusted by the model's validation confusion matrix):\n\n| set | subsamples x items | raw"
          + " | adjusted |\n|---|---|---|---|\n").append(prevalence);
    }
    if (search != null) {
      md.append(String.format(Locale.ROOT, "%nTuned neutral band: [%.2f, %.2f] (mean macro-F1 on the tuning splits"
          + " %.3f; stock band %.3f), tuned on %s.%n", search.best().low(), search.best().high(), search.bestScore(),
          search.stockScore(), search.sizes()));
    }
    for (var e : results.entrySet()) {
      SetResult r = e.getValue();
      md.append("\n## ").append(e.getKey()).append(": ").append(r.set().title()).append("\n\n");
      slices(md, r);
      r.metrics().forEach((mapping, m) -> section(md, mapping, m));
    }
    return md.toString();
  }

  /** A set's slices (model and stock side by side) and stance figures, when it has them. */
  private static void slices(StringBuilder md, SetResult r) {
    if (!r.slices().isEmpty()) {
      Map<String, Metrics> model = r.slices().getOrDefault("model", Map.of());
      Map<String, Metrics> stock = r.slices().getOrDefault("stock", Map.of());
      md.append("| slice | n | model macro-F1 | model negative recall | model positive recall | stock macro-F1 |\n"
          + "|---|---|---|---|---|---|\n");
      for (String slice : stock.keySet()) {
        Metrics m = model.get(slice);
        Metrics st = stock.get(slice);
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", slice, st.n(),
            m == null ? "–" : f1(m), recall(m, "negative"), recall(m, "positive"), f1(st)));
      }
      md.append('\n');
    }
    if (!r.stance().isEmpty()) {
      md.append("Stance on the (post, stack) pairs of posts naming two or more stacks: the model's reading toward each"
          + " stack, and the post's own label given to each; the difference's interval resamples both on the same"
          + " threads (one that holds 0 does not tell them apart):\n\n| pairs | n | stance macro-F1 | post label macro-F1"
          + " | stance − post label |\n|---|---|---|---|---|\n");
      r.stance().metrics().forEach((name, m) -> {
        if (name.startsWith("stance, ")) {
          String group = name.substring("stance, ".length());
          Metrics post = r.stance().metrics().get("post label, " + group);
          Bootstrap.Interval gain = r.stance().gain().get(group);
          md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", group, m.n(), f1(m), f1(post),
              difference(m.macroF1() - post.macroF1(), gain)));
        }
      });
      md.append('\n');
    }
  }

  /** Macro-F1, and its interval where it has one: {@code 0.708 [0.661, 0.752]}. */
  static String f1(Metrics m) {
    Bootstrap.Interval i = m.macroF1Interval();
    return i == null ? String.format(Locale.ROOT, "%.3f", m.macroF1())
        : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", m.macroF1(), i.low(), i.high());
  }

  /** A difference of two macro-F1s and its paired interval: {@code +0.007 [-0.028, +0.045]}. */
  static String difference(double d, Bootstrap.Interval i) {
    return String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", d, i.low(), i.high());
  }

  private static String recall(Metrics m, String label) {
    return m == null || !m.perClass().containsKey(label) ? "–"
        : String.format(Locale.ROOT, "%.3f", m.perClass().get(label)[1]);
  }

  /** Posts per thread-second: what one core does (the evaluation's threads share the machine's cores). */
  private static String perSecond(int n, double threadSeconds) {
    return threadSeconds <= 0 ? "–" : String.format(Locale.ROOT, "%.1f", n / threadSeconds);
  }

  private static void section(StringBuilder md, String name, Metrics m) {
    md.append(String.format(Locale.ROOT, "**%s**: accuracy %.3f, macro-F1 %s%n%n", name, m.accuracy(), f1(m)));
    md.append("| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
    m.perClass().forEach((label, v) -> md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |%n",
        label, v[0], v[1], v[2], (long) v[3])));
    md.append("\nconfusion (rows gold, columns predicted): ").append(String.join(" / ", m.labels())).append("\n\n```\n");
    for (long[] row : m.confusion()) {
      StringBuilder line = new StringBuilder();
      for (long c : row) {
        line.append(String.format(Locale.ROOT, "%6d", c));
      }
      md.append(line).append('\n');
    }
    md.append("```\n\n");
  }
}
