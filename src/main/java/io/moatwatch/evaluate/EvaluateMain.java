package io.moatwatch.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.evaluate.Evaluator.Prediction;
import io.moatwatch.devtext.DevTextModel;
import io.moatwatch.evaluate.LabelledSet.Space;
import io.moatwatch.nlp.Analyzers;
import io.moatwatch.nlp.NlpSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jobs/evaluate.sh}: the job's sentiment path on labelled sets (QUALITY.md). For every set it reports
 * accuracy, macro-F1, per-class precision / recall / F1 and the confusion matrix, once with the job's default
 * label mapping ({@link LabelMapping#STOCK}) and once with the developer-text calibration
 * ({@link Calibration#SE}) and, with {@code --train-devtext} or {@code --devtext-model}, the devtext model, as
 * {@code results.json} and {@code results.md}, and what the job made of every
 * item (score and mean class probabilities) as {@code predictions.csv}. With {@code --tune} it also searches
 * the calibration on the sets' tuning splits (never their test splits) and reports what it found.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = "Measures moatwatch's sentiment (cleaning -> CoreNLP -> post label) on labelled sets.%n")
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

  @Option(names = "--train-devtext", description = "Train the devtext model on the developer sets' training splits,"
      + " save it as <out>/devtext.model.gz and report it beside the CoreNLP mappings.")
  boolean trainDevtext;

  @Option(names = "--devtext-model", paramLabel = "FILE", description = "Report this saved devtext model beside the"
      + " CoreNLP mappings.")
  Path devtextModel;

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
    DevTextModel devtext = null;
    if (trainDevtext) {
      devtext = trainDevtext(loader);
      Files.createDirectories(out);
      devtext.save(out.resolve("devtext.model.gz"));
      System.out.println("evaluate: trained the devtext model (" + devtext.description() + "), saved as "
          + out.resolve("devtext.model.gz"));
    } else if (devtextModel != null) {
      devtext = DevTextModel.load(devtextModel);
    }
    Evaluator evaluator = new Evaluator(Analyzers.get(NlpSettings.DEFAULTS), threads);
    Map<String, SetResult> results = new LinkedHashMap<>();
    Map<String, List<Prediction>> tuningPredictions = new LinkedHashMap<>();
    Map<String, LabelledSet> loaded = new LinkedHashMap<>();
    StringBuilder dump = new StringBuilder("set,split,id,gold,score,p0,p1,p2,p3,p4,scored\n");
    for (String name : sets) {
      LabelledSet set = loader.load(name).limit(limit);
      loaded.put(name, set);
      long t = System.nanoTime();
      List<Prediction> predictions = evaluator.predict(set.test(), set.markup());
      results.put(name, SetResult.of(set, predictions, devtext, (System.nanoTime() - t) / 1e9));
      dump(dump, set, "test", set.test(), predictions);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "evaluate: %-9s n=%5d", name, set.test().size()));
      results.get(name).metrics().forEach((mapping, m) -> line.append(String.format(Locale.ROOT,
          " | %s acc %.3f macro-F1 %.3f", mapping, m.accuracy(), m.macroF1())));
      System.out.println(line.append(String.format(Locale.ROOT, " (%.0f s)", results.get(name).seconds())));
      if (tune && set.space() == Space.THREE && !set.tuning().isEmpty()) {
        tuningPredictions.put(name, evaluator.predict(set.tuning(), set.markup()));
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
    Files.writeString(out.resolve("results.json"), json(results, search, command), StandardCharsets.UTF_8);
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
      out.append(',').append(p.scored()).append('\n');
    }
  }

  /**
   * The figures of one set under each mapping: {@code stock} (the job's default), and for three-class sets
   * {@code calibrated} (the tuned neutral band) and {@code devtext} (when a devtext model is given).
   */
  record SetResult(LabelledSet set, int scored, Map<String, Metrics> metrics, double seconds) {
    static SetResult of(LabelledSet set, List<Prediction> predictions, DevTextModel devtext, double seconds) {
      List<String> gold = set.test().stream().map(LabelledItem::gold).toList();
      Map<String, Metrics> m = new LinkedHashMap<>();
      m.put("stock", Metrics.of(set.space().labels(), gold, labels(set.space(), predictions, LabelMapping.STOCK)));
      if (set.space() == Space.THREE) {
        m.put("calibrated", Metrics.of(set.space().labels(), gold, labels(set.space(), predictions, Calibration.SE)));
        if (devtext != null) {
          List<String> predicted = set.test().stream()
              .map(i -> devtext.label(Evaluator.cleaned(i.text(), set.markup()))).toList();
          m.put("devtext", Metrics.of(set.space().labels(), gold, predicted));
        }
      }
      return new SetResult(set, (int) predictions.stream().filter(Prediction::scored).count(), m, seconds);
    }

    Metrics stock() {
      return metrics.get("stock");
    }
  }

  /**
   * Trains the devtext model on the cleaned texts of every training split (QUALITY.md). The number of passes,
   * the only setting searched, is chosen by macro-F1 on the GitHub validation split, which is in no training
   * split (nor in any test split); L2 strength C=4.
   */
  static DevTextModel trainDevtext(Datasets loader) throws java.io.IOException {
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (String name : Datasets.TRAINABLE) {
      LabelledSet set = loader.load(name);
      List<LabelledItem> items = loader.training(name);
      sizes.put(name, items.size());
      for (LabelledItem i : items) {
        texts.add(Evaluator.cleaned(i.text(), set.markup()));
        labels.add(i.gold());
      }
    }
    LabelledSet github = loader.load("github");
    List<String> validGold = github.tuning().stream().map(LabelledItem::gold).toList();
    int bestEpochs = 0;
    double bestF1 = -1;
    StringBuilder tried = new StringBuilder();
    for (int epochs : new int[] {2, 3, 5, 8, 12}) {
      DevTextModel m = DevTextModel.train(texts, labels, 4.0, epochs, "selection");
      List<String> predicted = github.tuning().stream()
          .map(i -> m.label(Evaluator.cleaned(i.text(), github.markup()))).toList();
      double f1 = Metrics.of(DevTextModel.LABELS, validGold, predicted).macroF1();
      tried.append(String.format(Locale.ROOT, "%s%d:%.3f", tried.length() == 0 ? "" : " ", epochs, f1));
      if (f1 > bestF1) {
        bestF1 = f1;
        bestEpochs = epochs;
      }
    }
    System.out.println("evaluate: devtext passes by GitHub validation macro-F1: " + tried + " -> " + bestEpochs);
    return DevTextModel.train(texts, labels, 4.0, bestEpochs, "tf-idf words+pairs, logistic regression C=4, "
        + bestEpochs + " passes (chosen on GitHub validation: " + tried + "), trained on " + sizes);
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
    if (trainDevtext) {
      c.add("--train-devtext");
    } else if (devtextModel != null) {
      c.addAll(List.of("--devtext-model", devtextModel.toString()));
    }
    return c.toArray(String[]::new);
  }

  private static String json(Map<String, SetResult> results, Calibration.Search search, String[] command)
      throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("generated_at", Instant.now().toString());
    root.put("command", String.join(" ", command));
    root.put("pipeline", NlpSettings.DEFAULTS.signature());
    root.put("stock_mapping", "neutral band [" + LabelMapping.STOCK.low() + ", " + LabelMapping.STOCK.high() + "]");
    root.put("calibrated_mapping", "neutral band [" + Calibration.SE.low() + ", " + Calibration.SE.high() + "]");
    ObjectNode sets = root.putObject("sets");
    for (var e : results.entrySet()) {
      ObjectNode s = sets.putObject(e.getKey());
      s.put("title", e.getValue().set().title());
      s.put("n", e.getValue().set().test().size());
      s.put("scored", e.getValue().scored());
      s.put("seconds", Math.round(e.getValue().seconds() * 10) / 10.0);
      e.getValue().metrics().forEach((mapping, m) -> metrics(s.putObject(mapping), m));
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
    node.put("accuracy", round(m.accuracy()));
    node.put("macro_f1", round(m.macroF1()));
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

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  static final class SetNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Datasets.NAMES.iterator();
    }
  }
}
