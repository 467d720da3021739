package io.moatwatch.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.evaluate.Slices.Pair;
import io.moatwatch.read.format.CsvRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jobs/compare-evaluations.sh A B}: two {@code jobs/evaluate.sh} runs of the same sets with two label models,
 * side by side on the same test items: per set, per slice of the GPU-thread corpus and
 * on its stance pairs, each run's macro-F1 and the 95 % interval of A - B with both read on the same resampled
 * items ({@link Bootstrap#difference}; the corpus's threads drawn whole). An interval that holds 0 does not tell
 * the two apart on these sets; one that does not (marked *) is a difference the test data shows. Reads each run's
 * {@code predictions.csv} and the sets themselves (their threads and slices); three-class sets only.
 */
@Command(name = "compare-evaluations", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = "Two evaluate runs on the same test items: macro-F1 of each and the 95 %% bootstrap interval of"
        + " their difference, per set, slice and stance group.")
public final class CompareMain implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A", description = "An evaluate output directory (its predictions.csv).")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Another, of the same sets.")
  Path b;

  @Option(names = "--datasets", paramLabel = "DIR", description = "The labelled sets. Default: ${DEFAULT-VALUE}")
  Path datasets = Path.of("../shared/datasets");

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the table here (Markdown).")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CompareMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      // runs that cannot be compared (a missing directory, other items) are the user's to fix: the reason, no trace
      System.err.println("compare-evaluations: " + e.getMessage());
      return 2;
    }).execute(args));
  }

  /** One run's test items of a set in file order: their ids, the model's labels and stance readings (by stack). */
  record RunLabels(List<String> ids, List<String> labels, List<Map<String, String>> stance) {}

  @Override
  public Integer call() throws IOException {
    Map<String, Map<String, RunLabels>> runs = Map.of("A", read(a.resolve("predictions.csv")),
        "B", read(b.resolve("predictions.csv")));
    List<String> sets = runs.get("A").keySet().stream().filter(runs.get("B")::containsKey).toList();
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("the two runs share no set: " + runs.get("A").keySet() + " and "
          + runs.get("B").keySet());
    }
    Datasets loader = new Datasets(datasets);
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "A: %s%nB: %s%n%n"
        + "Macro-F1 of each on the same test items and the 95 %% bootstrap interval of A - B (%d paired resamples;"
        + " the corpus's threads drawn whole). An interval holding 0 does not tell them apart.%n%n"
        + "| set | n | A | B | A - B [95 %%] |%n|---|---|---|---|---|%n", modelOf(a), modelOf(b),
        Bootstrap.RESAMPLES));
    for (String name : sets) {
      LabelledSet set = loader.load(name);
      if (set.space() != LabelledSet.Space.THREE) {
        continue; // SST-2 and SST-5 read the model's label otherwise (evaluate's own figures for them)
      }
      List<LabelledItem> items = set.test();
      RunLabels ra = aligned(runs.get("A").get(name), items, name, a);
      RunLabels rb = aligned(runs.get("B").get(name), items, name, b);
      List<String> space = set.space().labels();
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        all.add(i);
      }
      row(md, name, space, items, all, ra.labels(), rb.labels());
      Slices.members(items).forEach((slice, in) -> row(md, name + ": " + slice, space, items, in, ra.labels(),
          rb.labels()));
      Slices.byGroup(Slices.pairs(items)).forEach((group, pairs) -> pairRow(md, name + ": stance, " + group, space,
          items, pairs, ra, rb));
    }
    System.out.print(md);
    if (out != null) {
      Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    }
    return 0;
  }

  private static void row(StringBuilder md, String name, List<String> space, List<LabelledItem> items,
      List<Integer> in, List<String> la, List<String> lb) {
    List<String> gold = in.stream().map(i -> items.get(i).gold()).toList();
    List<String> clusters = in.stream().map(i -> items.get(i).cluster(i)).toList();
    line(md, name, space, gold, in.stream().map(la::get).toList(), in.stream().map(lb::get).toList(), clusters);
  }

  /** The stance pairs: a run's reading toward the stack, or its post label where it has none (as Slices does). */
  private static void pairRow(StringBuilder md, String name, List<String> space, List<LabelledItem> items,
      List<Pair> pairs, RunLabels ra, RunLabels rb) {
    List<String> gold = pairs.stream().map(Pair::gold).toList();
    List<String> clusters = pairs.stream().map(p -> items.get(p.item()).cluster(p.item())).toList();
    line(md, name, space, gold, pairs.stream().map(p -> reading(ra, p)).toList(),
        pairs.stream().map(p -> reading(rb, p)).toList(), clusters);
  }

  private static String reading(RunLabels r, Pair p) {
    return r.stance().get(p.item()).getOrDefault(p.stack(), r.labels().get(p.item()));
  }

  private static void line(StringBuilder md, String name, List<String> space, List<String> gold, List<String> la,
      List<String> lb, List<String> clusters) {
    double fa = Metrics.of(space, gold, la).macroF1();
    double fb = Metrics.of(space, gold, lb).macroF1();
    Bootstrap.Interval d = Bootstrap.difference(space, gold, la, lb, clusters);
    md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %s%s |%n", name, gold.size(), fa, fb,
        Report.difference(fa - fb, d), d.contains(0) ? "" : " *"));
  }

  /** What a run measured: its directory and the pipeline (with the model's hash) its results.json names. */
  private static String modelOf(Path dir) throws IOException {
    Path results = dir.resolve("results.json");
    String pipeline = Files.isRegularFile(results)
        ? new ObjectMapper().readTree(results.toFile()).path("pipeline").asText() : "";
    return dir + (pipeline.isEmpty() ? "" : " (`" + pipeline.substring(pipeline.lastIndexOf('/') + 1) + "`)");
  }

  /** A run's test rows by set, in file order (the order evaluate read the items in). */
  static Map<String, RunLabels> read(Path csv) throws IOException {
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException(csv + " not found: give an output directory of jobs/evaluate.sh");
    }
    List<List<String>> rows = CsvRows.readAll(Files.readString(csv, StandardCharsets.UTF_8), ',');
    List<String> header = rows.get(0);
    int set = header.indexOf("set");
    int split = header.indexOf("split");
    int id = header.indexOf("id");
    int label = header.indexOf("model_label");
    int stance = header.indexOf("model_stance");
    Map<String, RunLabels> out = new LinkedHashMap<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      if (!r.get(split).equals("test")) {
        continue;
      }
      if (r.get(label).isEmpty()) {
        // SST-5 (five classes) and --no-model runs have no model label: nothing to compare
        continue;
      }
      RunLabels run = out.computeIfAbsent(r.get(set),
          k -> new RunLabels(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
      run.ids().add(r.get(id));
      run.labels().add(r.get(label));
      run.stance().add(stanceLabels(r.get(stance)));
    }
    return out;
  }

  /** {@code cuda:positive:0.12/0.30/0.58;rocm:...} -> stack -> label. */
  static Map<String, String> stanceLabels(String cell) {
    Map<String, String> out = new LinkedHashMap<>();
    if (cell != null && !cell.isEmpty()) {
      for (String part : cell.split(";")) {
        String[] f = part.split(":");
        out.put(f[0], f[1]);
      }
    }
    return out;
  }

  /** The run's labels of a set, checked to be of the same items in the same order as the set's test split. */
  private static RunLabels aligned(RunLabels run, List<LabelledItem> items, String set, Path dir) {
    List<String> ids = run.ids();
    if (ids.size() != items.size()) {
      throw new IllegalArgumentException(dir + ": " + ids.size() + " test items of " + set + ", the set has "
          + items.size() + " (a --limit run?)");
    }
    for (int i = 0; i < ids.size(); i++) {
      if (!ids.get(i).equals(items.get(i).id())) {
        throw new IllegalArgumentException(dir + ": item " + i + " of " + set + " is '" + ids.get(i) + "', the set's is '"
            + items.get(i).id() + "'");
      }
    }
    return run;
  }
}
