package io.moatwatch.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.analyse.corenlp.Analyzers;
import io.moatwatch.analyse.corenlp.CoreNlpAnalyzer;
import io.moatwatch.analyse.corenlp.EntityMention;
import io.moatwatch.analyse.corenlp.NlpSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code jobs/evaluate-entities.sh} (docs/ENTITIES.md, "How well"): the job's entity path on the team's
 * evaluation set (src/test/resources/entities/gold.jsonl: sentences, titles and log snippets written in the style of
 * GPU threads, each with the canonical names a careful reader lists). Prose and titles go through the whole
 * pipeline ({@link CoreNlpAnalyzer#analyse}), log and code snippets through the gazetteer and name rules alone
 * ({@link CoreNlpAnalyzer#codeEntities}), as in the job. An item's entities are compared with its gold names as sets
 * of canonical names: recall per gold type, precision per found type, overall and per split ({@code dev}, the items
 * the rules were developed on, and {@code test}, the rest).
 *
 * <pre>java ... io.moatwatch.evaluate.EntityCheck [GOLD.jsonl [OUT_DIR]]</pre>
 */
public final class EntityCheck {
  private EntityCheck() {}

  /** One evaluation item: its text, kind (prose, title, log, code), split and gold (canonical name to type). */
  record Item(String id, String split, String kind, String text, Map<String, String> gold) {}

  /** What the job found in an item: canonical name to type, in order. */
  record Found(Item item, Map<String, String> entities) {}

  public static void main(String[] args) throws IOException {
    Path gold = Path.of(args.length > 0 ? args[0] : "src/test/resources/entities/gold.jsonl");
    Path out = Path.of(args.length > 1 ? args[1] : "out/quality-entities");
    List<Item> items = read(gold);
    long t0 = System.nanoTime();
    List<Found> found = run(Analyzers.get(NlpSettings.DEFAULTS), items);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Files.createDirectories(out);
    ObjectNode json = report(found);
    json.put("gold", gold.toString());
    json.put("seconds", Math.round(seconds * 10) / 10.0);
    json.put("pipeline", NlpSettings.DEFAULTS.signature());
    Files.writeString(out.resolve("results.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(json), StandardCharsets.UTF_8);
    String md = markdown(json) + misses(found);
    Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
    System.out.print(markdown(json));
    System.out.printf(Locale.ROOT, "evaluate-entities: %d items in %.1f s; wrote %s%n", items.size(), seconds,
        out.resolve("results.md"));
  }

  static List<Item> read(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<Item> items = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = mapper.readTree(line);
      Map<String, String> gold = new LinkedHashMap<>();
      n.path("gold").forEach(g -> gold.put(g.get(0).asText(), g.get(1).asText()));
      items.add(new Item(n.path("id").asText(), n.path("split").asText(), n.path("kind").asText(),
          n.path("text").asText(), gold));
    }
    return items;
  }

  /** The entities the job finds in each item: prose and titles by the whole pipeline, the rest by the rules. */
  static List<Found> run(CoreNlpAnalyzer analyzer, List<Item> items) {
    List<Found> out = new ArrayList<>();
    for (Item item : items) {
      List<EntityMention> mentions = item.kind().equals("log") || item.kind().equals("code")
          ? analyzer.codeEntities(item.text()) : analyzer.analyse(item.text()).entities();
      Map<String, String> entities = new LinkedHashMap<>();
      mentions.forEach(m -> entities.putIfAbsent(m.canonical(), m.type()));
      out.add(new Found(item, entities));
    }
    return out;
  }

  /** Recall per gold type and precision per found type, for all items and each split. */
  static ObjectNode report(List<Found> found) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    Map<String, List<Found>> groups = new LinkedHashMap<>();
    groups.put("all", found);
    for (Found f : found) {
      groups.computeIfAbsent(f.item().split(), s -> new ArrayList<>()).add(f);
    }
    groups.forEach((name, fs) -> root.set(name, counts(fs)));
    return root;
  }

  private static ObjectNode counts(List<Found> found) {
    Map<String, long[]> recall = new TreeMap<>(); // type -> {found, gold}
    Map<String, long[]> precision = new TreeMap<>(); // type -> {right, found}
    long typeRight = 0;
    long matched = 0;
    for (Found f : found) {
      for (var g : f.item().gold().entrySet()) {
        long[] r = recall.computeIfAbsent(g.getKey().isEmpty() ? "?" : g.getValue(), t -> new long[2]);
        r[1]++;
        if (f.entities().containsKey(g.getKey())) {
          r[0]++;
          matched++;
          if (f.entities().get(g.getKey()).equals(g.getValue())) {
            typeRight++;
          }
        }
      }
      for (var e : f.entities().entrySet()) {
        long[] p = precision.computeIfAbsent(e.getValue(), t -> new long[2]);
        p[1]++;
        if (f.item().gold().containsKey(e.getKey())) {
          p[0]++;
        }
      }
    }
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.put("items", found.size());
    long gold = recall.values().stream().mapToLong(v -> v[1]).sum();
    long foundAll = precision.values().stream().mapToLong(v -> v[1]).sum();
    long right = precision.values().stream().mapToLong(v -> v[0]).sum();
    n.put("gold", gold);
    n.put("found", foundAll);
    n.put("recall", ratio(matched, gold));
    n.put("precision", ratio(right, foundAll));
    n.put("type_agreement", ratio(typeRight, matched));
    ObjectNode per = n.putObject("recall_by_type");
    recall.forEach((t, v) -> per.putObject(t).put("found", v[0]).put("gold", v[1]).put("recall", ratio(v[0], v[1])));
    ObjectNode pp = n.putObject("precision_by_type");
    precision.forEach((t, v) -> pp.putObject(t).put("right", v[0]).put("found", v[1]).put("precision", ratio(v[0], v[1])));
    return n;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : Math.round(10000.0 * a / b) / 10000.0;
  }

  static String markdown(ObjectNode json) {
    StringBuilder md = new StringBuilder("# moatwatch entity evaluation\n\n| split | items | gold | found | recall |"
        + " precision | type agreement |\n|---|---|---|---|---|---|---|\n");
    for (String g : List.of("all", "dev", "test")) {
      JsonNode n = json.path(g);
      if (!n.isMissingNode()) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.3f | %.3f |%n", g, n.path("items").asInt(),
            n.path("gold").asLong(), n.path("found").asLong(), n.path("recall").asDouble(),
            n.path("precision").asDouble(), n.path("type_agreement").asDouble()));
      }
    }
    for (String g : List.of("all", "test")) {
      JsonNode n = json.path(g);
      md.append("\nBy type (").append(g).append("):\n\n| type | recall | found / gold | precision | right / found |\n"
          + "|---|---|---|---|---|\n");
      Set<String> types = new LinkedHashSet<>();
      n.path("recall_by_type").fieldNames().forEachRemaining(types::add);
      n.path("precision_by_type").fieldNames().forEachRemaining(types::add);
      for (String t : types) {
        JsonNode r = n.path("recall_by_type").path(t);
        JsonNode p = n.path("precision_by_type").path(t);
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", t,
            r.isMissingNode() ? "–" : String.format(Locale.ROOT, "%.3f", r.path("recall").asDouble()),
            r.isMissingNode() ? "–" : r.path("found").asLong() + " / " + r.path("gold").asLong(),
            p.isMissingNode() ? "–" : String.format(Locale.ROOT, "%.3f", p.path("precision").asDouble()),
            p.isMissingNode() ? "–" : p.path("right").asLong() + " / " + p.path("found").asLong()));
      }
    }
    return md.toString();
  }

  /** Every item where the job and the gold disagree: what it missed and what it found that is not gold. */
  static String misses(List<Found> found) {
    StringBuilder md = new StringBuilder("\n## Disagreements\n\n");
    for (Found f : found) {
      List<String> missed = f.item().gold().keySet().stream().filter(g -> !f.entities().containsKey(g)).toList();
      List<String> extra = f.entities().keySet().stream().filter(e -> !f.item().gold().containsKey(e)).toList();
      if (!missed.isEmpty() || !extra.isEmpty()) {
        md.append("- ").append(f.item().id()).append(" (").append(f.item().split()).append(", ").append(f.item().kind())
            .append("): missed ").append(missed).append(", not gold ").append(extra).append('\n');
      }
    }
    return md.toString();
  }
}
