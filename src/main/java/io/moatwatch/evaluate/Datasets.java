package io.moatwatch.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.evaluate.LabelledSet.Space;
import io.moatwatch.read.format.CsvRows;
import io.moatwatch.schema.Markup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the labelled sets of {@code ../shared/datasets} (provenance in its SOURCES.md) with their fixed
 * splits. Which split is reported and which may be tuned on (QUALITY.md):
 *
 * <ul>
 *   <li>{@code sst2}, {@code sst5}: SST test roots; tuning none (SST is only a sanity check of the model);
 *   <li>{@code github}: GitHub gold standard (Novielli et al. 2020), the fixed 8:1:1 split of Zhang et al.:
 *       test {@code github-test.csv}, tuning {@code github-valid.csv};
 *   <li>{@code senti4sd}: Stack Overflow, the authors' 70/30 partition: test 1,326 items, tuning the first
 *       700 items of the training partition;
 *   <li>{@code jira}: Ortu et al. Jira comments (Novielli et al. 2020 mapping), its 10 stratified folds: test
 *       folds 0 and 1, tuning fold 2;
 *   <li>{@code premo}: GitHub pull-request messages (Coutinho et al. 2024): all 1,791 as test (no split, never
 *       tuned on);
 *   <li>{@code gpu-threads}: real posts about GPU stacks from debate venues and issue trackers, labelled per post
 *       and per stack (gpu-threads/README.md): test its test split (370), tuning its valid split (211); split by
 *       thread. Each item carries its platform, flags and gold stance ({@link LabelledItem.About}).
 * </ul>
 */
public final class Datasets {
  /** Every set, in report order. */
  public static final List<String> NAMES = List.of("sst2", "sst5", "github", "senti4sd", "jira", "premo",
      "gpu-threads");

  private final Path root;

  public Datasets(Path root) {
    this.root = root;
  }

  /** Loads one set by name. */
  public LabelledSet load(String name) throws IOException {
    return switch (name) {
      case "sst2" -> new LabelledSet("sst2", "SST-2 test roots (binary)", Space.TWO, Markup.PLAIN,
          sst(root.resolve("sst/sst2_test_roots.tsv"), Map.of("0", "negative", "1", "positive")), List.of());
      case "sst5" -> new LabelledSet("sst5", "SST-5 test roots (fine-grained)", Space.FIVE, Markup.PLAIN,
          sst(root.resolve("sst/sst5_test_roots.tsv"), null), List.of());
      case "github" -> new LabelledSet("github", "GitHub gold standard (Novielli et al. 2020), test split",
          Space.THREE, Markup.MARKDOWN, github(root.resolve("llm4sa4se-splits/github-test.csv")),
          github(root.resolve("llm4sa4se-splits/github-valid.csv")), "github");
      case "senti4sd" -> new LabelledSet("senti4sd", "Senti4SD Stack Overflow gold standard, test partition",
          Space.THREE, Markup.MARKDOWN, senti4sd(root.resolve("senti4sd/test_stackoverflow.csv"), Integer.MAX_VALUE),
          senti4sd(root.resolve("senti4sd/train_stackoverflow.csv"), 700), "stackexchange");
      case "jira" -> new LabelledSet("jira", "Jira comments (Ortu et al.; Novielli et al. 2020 mapping), folds 0-1",
          Space.THREE, Markup.MARKDOWN, jira(List.of("OrtuJIRA_test_0", "OrtuJIRA_test_1")),
          jira(List.of("OrtuJIRA_test_2")));
      case "premo" -> new LabelledSet("premo", "PRemo GitHub pull-request messages (Coutinho et al. 2024)",
          Space.THREE, Markup.MARKDOWN, premo(), List.of(), "github");
      case "gpu-threads" -> new LabelledSet("gpu-threads", "GPU-thread corpus (real posts about GPU stacks), test split",
          Space.THREE, Markup.PLAIN, gpuThreads("test"), gpuThreads("valid"));
      default -> throw new IllegalArgumentException("unknown set '" + name + "' (expected one of " + NAMES + ")");
    };
  }

  private static List<LabelledItem> sst(Path file, Map<String, String> labels) throws IOException {
    List<LabelledItem> items = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t", 2);
      items.add(new LabelledItem("line " + (i + 1), f[1], labels == null ? f[0] : labels.get(f[0])));
    }
    return items;
  }

  private static List<LabelledItem> github(Path file) throws IOException {
    Map<String, String> labels = Map.of("0", "neutral", "1", "positive", "2", "negative");
    List<LabelledItem> items = new ArrayList<>();
    List<List<String>> rows = CsvRows.readAll(Files.readString(file, StandardCharsets.UTF_8), ',');
    for (int i = 1; i < rows.size(); i++) {
      String text = rows.get(i).get(1);
      // The original file's artifact (SOURCES.md): almost every text ends with one stray quote.
      if (text.endsWith("\"")) {
        text = text.substring(0, text.length() - 1);
      }
      items.add(new LabelledItem("row " + i, text, labels.get(rows.get(i).get(0))));
    }
    return items;
  }

  private static List<LabelledItem> senti4sd(Path file, int max) throws IOException {
    List<LabelledItem> items = new ArrayList<>();
    List<List<String>> rows = CsvRows.readAll(Files.readString(file, StandardCharsets.UTF_8), ';');
    for (int i = 1; i < rows.size() && items.size() < max; i++) {
      List<String> r = rows.get(i);
      items.add(new LabelledItem(r.get(0), r.get(2), r.get(1)));
    }
    return items;
  }

  private List<LabelledItem> jira(List<String> folds) throws IOException {
    Map<String, String> labels = Map.of("-1", "negative", "0", "neutral", "1", "positive");
    List<LabelledItem> items = new ArrayList<>();
    List<List<String>> rows = CsvRows.readAll(Files.readString(root.resolve("jira-ortu/jira.csv"), StandardCharsets.UTF_8), ',');
    for (int i = 1; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      if (folds.contains(r.get(1))) {
        items.add(new LabelledItem(r.get(0), r.get(2), labels.get(r.get(3).strip())));
      }
    }
    return items;
  }

  /** One split of the GPU-thread corpus ({@code train}, {@code valid}, {@code test}), in file order. */
  public List<LabelledItem> gpuThreads(String split) throws IOException {
    return gpuThreadRecords(split).stream().map(ThreadPost::item).toList();
  }

  /** A corpus post with the page it was on (its thread is in {@link LabelledItem.About#thread}). */
  public record ThreadPost(LabelledItem item, String url) {}

  /** The same split with each post's thread and page. */
  public List<ThreadPost> gpuThreadRecords(String split) throws IOException {
    List<ThreadPost> items = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(root.resolve("gpu-threads/" + split + ".jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode r = json.readTree(line);
      List<String> flags = new ArrayList<>();
      r.path("flags").forEach(f -> flags.add(f.asText()));
      Map<String, String> stance = new LinkedHashMap<>();
      r.path("stance").fields().forEachRemaining(e -> stance.put(e.getKey(), e.getValue().asText()));
      String platform = r.path("platform").asText();
      String text = r.path("text").asText();
      items.add(new ThreadPost(new LabelledItem(r.path("id").asText(), text, r.path("polarity").asText(),
          new LabelledItem.About(platform, markup(platform, text), flags, stance, r.path("thread_key").asText())),
          r.hasNonNull("url") ? r.get("url").asText() : null));
    }
    return items;
  }

  /**
   * How the job's cleaning should read a corpus post: Markdown where the platform writes it (GitHub, GitLab,
   * Reddit, Lemmy), HTML for a Hacker News post whose copy kept its tags, else plain text.
   */
  static Markup markup(String platform, String text) {
    return switch (platform) {
      case "github", "gitlab", "reddit", "lemmy" -> Markup.MARKDOWN;
      case "hn" -> text.contains("<p>") || text.contains("<a href") || text.contains("<i>") ? Markup.HTML : Markup.PLAIN;
      default -> Markup.PLAIN;
    };
  }

  private List<LabelledItem> premo() throws IOException {
    JsonNode all = new ObjectMapper().readTree(root.resolve("premo-github-pr/dataset.json").toFile());
    List<LabelledItem> items = new ArrayList<>();
    for (JsonNode m : all) {
      String label = m.hasNonNull("discussion_polarity") ? m.get("discussion_polarity").asText()
          : m.path("part2_aggregate").path("polarity").asText();
      items.add(new LabelledItem(m.path("message_url").asText(), m.path("raw_message").asText(), label));
    }
    return items;
  }
}
