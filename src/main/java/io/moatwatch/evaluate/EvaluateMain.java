package io.moatwatch.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.analyse.corenlp.Analyzers;
import io.moatwatch.analyse.corenlp.NlpSettings;
import io.moatwatch.analyse.label.LabelModel;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.analyse.label.LabelModels;
import io.moatwatch.analyse.label.PostSentiment;
import io.moatwatch.evaluate.Evaluator.Prediction;
import io.moatwatch.evaluate.LabelledSet.Space;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code jobs/evaluate.sh}: the job's sentiment path on labelled sets (QUALITY.md). For every set it reports
 * accuracy, macro-F1, per-class precision / recall / F1 and the confusion matrix under each labeller:
 * {@code model} (the label model, the job's default: the shipped one or {@code --sentiment-model DIR}),
 * {@code stock} (CoreNLP's score with the stock neutral band, {@code --labels corenlp}) and {@code calibrated}
 * (CoreNLP with the developer-text band {@link Calibration#SE}), as {@code results.json} and {@code results.md},
 * and what the job made of every item as {@code predictions.csv}. Labels come from {@link PostSentiment}, the
 * job's own function. With {@code --tune} it also searches the band on the sets' tuning splits (never their
 * test splits).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = "Measures moatwatch's sentiment (cleaning -> CoreNLP + label model -> post label) on labelled"
        + " sets.%n")
public final class EvaluateMain implements Callable<Integer> {

  @Option(names = "--datasets", paramLabel = "DIR",
      description = "The labelled sets (../shared/datasets layout). Default: ${DEFAULT-VALUE}")
  Path datasets = Path.of("../shared/datasets");

  @Option(names = "--out", paramLabel = "DIR", description = "Where results.json and results.md go. Default: ${DEFAULT-VALUE}")
  Path out = Path.of("out/quality");

  @Option(names = "--sets", split = ",", paramLabel = "NAME",
      description = "Sets to evaluate: ${COMPLETION-CANDIDATES}. Default: all", completionCandidates = SetNames.class)
  List<String> sets = Datasets.NAMES;

  @Option(names = "--limit", paramLabel = "N", description = "Only the first N items of each split (quick checks). Default: all")
  int limit = Integer.MAX_VALUE;

  @Option(names = "--threads", paramLabel = "N", description = "Threads sharing the pipeline. Default: ${DEFAULT-VALUE}")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  @Option(names = "--tune", description = "Also search the neutral band on the tuning splits and report it.")
  boolean tune;

  @Option(names = "--sentiment-model", paramLabel = "DIR", description = "Measure this label model directory"
      + " (training/train_sentiment.py --out DIR). Default: the shipped model")
  Path sentimentModel;

  @Option(names = "--no-model", description = "CoreNLP alone (no label model): its figures and speed.")
  boolean noModel;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EvaluateMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(datasets)) {
      System.err.println("evaluate: datasets directory " + datasets + " does not exist");
      return 2;
    }
    for (String s : sets) {
      if (!Datasets.NAMES.contains(s)) {
        System.err.println("evaluate: unknown set '" + s + "' (expected one of " + Datasets.NAMES + ")");
        return 2;
      }
    }
    long start = System.nanoTime();
    Datasets loader = new Datasets(datasets);
    LabelModelSpec spec = null;
    if (!noModel) {
      spec = sentimentModel == null ? LabelModelSpec.builtin() : LabelModelSpec.directory(sentimentModel);
      System.out.println("evaluate: label model " + spec.signature() + " from " + spec.location());
    }
    LabelModel model = spec == null ? null : LabelModels.get(spec);
    long[][] confusion = spec == null ? null : spec.validationConfusion();
    Evaluator evaluator = new Evaluator(Analyzers.get(NlpSettings.DEFAULTS), model, threads);
    Map<String, SetResult> results = new LinkedHashMap<>();
    Map<String, List<Prediction>> tuningPredictions = new LinkedHashMap<>();
    Map<String, LabelledSet> loaded = new LinkedHashMap<>();
    StringBuilder dump = new StringBuilder("set,split,id,gold,score,p0,p1,p2,p3,p4,scored,model_label,"
        + "model_negative,model_neutral,model_positive,gold_stance,model_stance\n");
    for (String name : sets) {
      LabelledSet set = loader.load(name).limit(limit);
      loaded.put(name, set);
      long t = System.nanoTime();
      double coreNlp0 = evaluator.coreNlpSeconds();
      double model0 = evaluator.modelSeconds();
      List<Prediction> predictions = evaluator.predict(set.test(), set.markup(), set.platform());
      results.put(name, SetResult.of(set, predictions, model != null, (System.nanoTime() - t) / 1e9,
          evaluator.coreNlpSeconds() - coreNlp0, evaluator.modelSeconds() - model0, confusion));
      dump(dump, set, "test", set.test(), predictions);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "evaluate: %-9s n=%5d", name, set.test().size()));
      PrevalenceCheck pc = results.get(name).prevalence();
      if (pc != null) {
        line.append(String.format(Locale.ROOT, " | shares MAE raw %.3f adjusted %.3f", pc.rawMae(), pc.adjustedMae()));
      }
      results.get(name).metrics().forEach((mapping, m) -> line.append(String.format(Locale.ROOT,
          " | %s acc %.3f macro-F1 %s", mapping, m.accuracy(), Report.f1(m))));
      System.out.println(line.append(String.format(Locale.ROOT, " (%.0f s)", results.get(name).seconds())));
      if (tune && set.space() == Space.THREE && !set.tuning().isEmpty()) {
        tuningPredictions.put(name, evaluator.predict(set.tuning(), set.markup(), set.platform()));
        dump(dump, set, "tuning", set.tuning(), tuningPredictions.get(name));
      }
    }
    Calibration.Search search = null;
    if (tune) {
      search = Calibration.search(loaded, tuningPredictions);
      System.out.printf(Locale.ROOT, "evaluate: tuned neutral band on %s: [%.2f, %.2f], mean tuning macro-F1 %.3f"
          + " (stock band %.3f)%n", tuningPredictions.keySet(), search.best().low(), search.best().high(),
          search.bestScore(), search.stockScore());
    }
    Files.createDirectories(out);
    String[] command = commandLine();
    Files.writeString(out.resolve("results.json"), json(results, search, command, spec), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("results.md"), Report.markdown(results, search, String.join(" ", command)),
        StandardCharsets.UTF_8);
    Files.writeString(out.resolve("predictions.csv"), dump, StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "evaluate: wrote %s and %s in %.0f s%n", out.resolve("results.json"),
        out.resolve("results.md"), (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /** One CSV line per item: what the job made of it, for analysis beside the figures. */
  private static void dump(StringBuilder out, LabelledSet set, String split, List<LabelledItem> items,
      List<Prediction> predictions) {
    for (int i = 0; i < items.size(); i++) {
      Prediction p = predictions.get(i);
      out.append(set.name()).append(',').append(split).append(',')
          .append('"').append(items.get(i).id().replace("\"", "\"\"")).append('"').append(',')
          .append(items.get(i).gold()).append(',').append(String.format(Locale.ROOT, "%.6f", p.score()));
      for (double q : p.meanProbability()) {
        out.append(',').append(String.format(Locale.ROOT, "%.6f", q));
      }
      out.append(',').append(p.scored()).append(',').append(p.modelLabel() == null ? "" : p.modelLabel());
      double[] m = p.sentiment() == null ? null : p.sentiment().probabilities();
      for (int k = 0; k < 3; k++) {
        out.append(',').append(m == null ? "" : String.format(Locale.ROOT, "%.6f", m[k]));
      }
      LabelledItem.About about = items.get(i).about();
      out.append(',').append(about == null ? "" : stanceCell(about.stance())).append(',')
          .append(stanceCell(p.stance()));
      out.append('\n');
    }
  }

  /**
   * A (post, stack) cell of predictions.csv: {@code stack:label} per stack, ';' between, for the gold stance; for the
   * model's readings {@code stack:label:p_negative/p_neutral/p_positive}. No commas, so no quoting.
   */
  static String stanceCell(Map<String, ?> byStack) {
    StringBuilder cell = new StringBuilder();
    byStack.forEach((stack, v) -> {
      cell.append(cell.length() == 0 ? "" : ";").append(stack).append(':');
      if (v instanceof double[] p) {
        cell.append(PostSentiment.modelLabel(p)).append(String.format(Locale.ROOT, ":%.6f/%.6f/%.6f", p[0], p[1], p[2]));
      } else {
        cell.append(v);
      }
    });
    return cell.toString();
  }

  /** The label model's labels in a set's space: its own three classes, or (SST-2) the sign of its score. */
  static List<String> modelLabels(Space space, List<Prediction> predictions) {
    List<String> out = new ArrayList<>();
    for (Prediction p : predictions) {
      out.add(space == Space.TWO
          ? LabelMapping.two(p.sentiment() == null ? 0 : PostSentiment.modelScore(p.sentiment().probabilities()))
          : p.modelLabel());
    }
    return out;
  }

  static List<String> labels(Space space, List<Prediction> predictions, LabelMapping mapping) {
    List<String> out = new ArrayList<>();
    for (Prediction p : predictions) {
      out.add(switch (space) {
        case FIVE -> LabelMapping.five(p.meanProbability());
        case TWO -> LabelMapping.two(p.score());
        case THREE -> mapping.three(p.score());
      });
    }
    return out;
  }

  private String[] commandLine() {
    List<String> c = new ArrayList<>(List.of("jobs/evaluate.sh", "--datasets", datasets.toString(), "--out",
        out.toString()));
    if (!sets.equals(Datasets.NAMES)) {
      c.addAll(List.of("--sets", String.join(",", sets)));
    }
    if (limit != Integer.MAX_VALUE) {
      c.addAll(List.of("--limit", Integer.toString(limit)));
    }
    if (tune) {
      c.add("--tune");
    }
    if (noModel) {
      c.add("--no-model");
    } else if (sentimentModel != null) {
      c.addAll(List.of("--sentiment-model", sentimentModel.toString()));
    }
    return c.toArray(String[]::new);
  }

  private static String json(Map<String, SetResult> results, Calibration.Search search, String[] command,
      LabelModelSpec spec) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("generated_at", Instant.now().toString());
    root.put("command", String.join(" ", command));
    root.put("pipeline", NlpSettings.DEFAULTS.signature() + (spec == null ? "" : "/" + spec.signature()));
    root.put("stock_mapping", "neutral band [" + LabelMapping.STOCK.low() + ", " + LabelMapping.STOCK.high() + "]");
    root.put("calibrated_mapping", "neutral band [" + Calibration.SE.low() + ", " + Calibration.SE.high() + "]");
    ObjectNode sets = root.putObject("sets");
    for (var e : results.entrySet()) {
      ObjectNode s = sets.putObject(e.getKey());
      s.put("title", e.getValue().set().title());
      s.put("n", e.getValue().set().test().size());
      s.put("scored", e.getValue().scored());
      s.put("seconds", Math.round(e.getValue().seconds() * 10) / 10.0);
      s.put("corenlp_thread_seconds", Math.round(e.getValue().coreNlpSeconds() * 10) / 10.0);
      s.put("model_thread_seconds", Math.round(e.getValue().modelSeconds() * 10) / 10.0);
      e.getValue().metrics().forEach((mapping, m) -> metrics(s.putObject(mapping), m));
      PrevalenceCheck pc = e.getValue().prevalence();
      if (pc != null) {
        s.putObject("prevalence").put("subsamples", pc.subsamples()).put("size", pc.size())
            .put("raw_mae", round(pc.rawMae())).put("adjusted_mae", round(pc.adjustedMae()));
      }
      if (!e.getValue().slices().isEmpty()) {
        ObjectNode slices = s.putObject("slices");
        e.getValue().slices().forEach((labeller, byName) -> {
          ObjectNode l = slices.putObject(labeller);
          byName.forEach((name, m) -> metrics(l.putObject(name), m));
        });
      }
      if (!e.getValue().stance().isEmpty()) {
        ObjectNode stance = s.putObject("stance");
        e.getValue().stance().metrics().forEach((name, m) -> metrics(stance.putObject(name), m));
        ObjectNode gain = s.putObject("stance_minus_post_label_95");
        e.getValue().stance().gain().forEach((group, i) -> interval(gain.putArray(group), i));
      }
    }
    if (search != null) {
      ObjectNode t = root.putObject("tuning");
      t.put("low", search.best().low());
      t.put("high", search.best().high());
      t.put("mean_tuning_macro_f1", search.bestScore());
      t.put("stock_mean_tuning_macro_f1", search.stockScore());
      ArrayNode on = t.putArray("tuned_on");
      search.sizes().forEach((k, v) -> on.addObject().put("set", k).put("items", v));
    }
    return mapper.writeValueAsString(root);
  }

  private static void metrics(ObjectNode node, Metrics m) {
    node.put("n", m.n());
    node.put("accuracy", round(m.accuracy()));
    node.put("macro_f1", round(m.macroF1()));
    if (m.macroF1Interval() != null) {
      interval(node.putArray("macro_f1_95"), m.macroF1Interval());
    }
    ObjectNode per = node.putObject("per_class");
    m.perClass().forEach((label, v) -> per.putObject(label).put("precision", round(v[0])).put("recall", round(v[1]))
        .put("f1", round(v[2])).put("support", (long) v[3]));
    ArrayNode conf = node.putArray("confusion");
    for (long[] row : m.confusion()) {
      ArrayNode r = conf.addArray();
      for (long c : row) {
        r.add(c);
      }
    }
    m.labels().forEach(node.putArray("labels")::add);
  }

  private static void interval(ArrayNode node, Bootstrap.Interval i) {
    node.add(round(i.low())).add(round(i.high()));
  }

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  static final class SetNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Datasets.NAMES.iterator();
    }
  }
}
