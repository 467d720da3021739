package io.moatwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.prepare.clean.TextCleaner;
import io.moatwatch.read.format.CsvRows;
import io.moatwatch.schema.Markup;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the benchmark corpus (BENCHMARKS.md): the first N texts of the GitHub gold standard
 * ({@code ../shared/datasets/llm4sa4se-splits/github.csv}), cleaned once by the job's cleaner, as
 * {@code corpus.jsonl} (moatwatch JSON lines, plain text, all on one day) for the job and {@code texts.jsonl}
 * (the same texts, one JSON string per line) for the raw CoreNLP run, so both analyse exactly the same text.
 * Texts the cleaner empties are left out of both. Beyond the set's 6,959 usable texts, further texts are made
 * by joining two of them as two paragraphs (text {@code k mod M} and the one {@code k / M} places after it),
 * so every text stays distinct and realistic in length; the annotation cache benchmark needs tens of thousands.
 *
 * <p>Usage: {@code BenchCorpus DATASETS_DIR OUT_DIR N}
 */
public final class BenchCorpus {
  private BenchCorpus() {}

  /** The plain texts of a {@code texts.jsonl} this class wrote (one JSON string a line), in order. */
  static List<String> readTexts(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      texts.add(json.readValue(line, String.class));
    }
    return texts;
  }

  public static void main(String[] args) throws Exception {
    Path datasets = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    List<List<String>> rows = CsvRows.readAll(
        Files.readString(datasets.resolve("llm4sa4se-splits/github.csv"), StandardCharsets.UTF_8), ',');
    Files.createDirectories(out.resolve("corpus"));
    ObjectMapper json = new ObjectMapper();
    TextCleaner cleaner = new TextCleaner();
    List<String> ids = new ArrayList<>();
    List<String> cleaned = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      String raw = rows.get(i).get(1);
      String text = cleaner.clean(raw.endsWith("\"") ? raw.substring(0, raw.length() - 1) : raw,
          Markup.MARKDOWN).text();
      if (!text.isBlank()) {
        ids.add("b" + i);
        cleaned.add(text);
      }
    }
    int m = cleaned.size();
    if (n > m * (long) (m - 1)) {
      throw new IllegalArgumentException("at most " + m * (long) (m - 1) + " distinct texts can be made");
    }
    int written = 0;
    try (BufferedWriter corpus = Files.newBufferedWriter(out.resolve("corpus/corpus.jsonl"), StandardCharsets.UTF_8);
        BufferedWriter texts = Files.newBufferedWriter(out.resolve("texts.jsonl"), StandardCharsets.UTF_8)) {
      for (int k = 0; k < n; k++) {
        String id = k < m ? ids.get(k) : "p" + k;
        String text = k < m ? cleaned.get(k) : cleaned.get(k % m) + "\n\n" + cleaned.get((k % m + k / m) % m);
        ObjectNode post = json.createObjectNode()
            .put("id", id).put("source", "bench").put("created_at", "2026-11-20T12:00:00Z")
            .put("markup", "plain").put("text", text);
        corpus.write(json.writeValueAsString(post));
        corpus.newLine();
        texts.write(json.writeValueAsString(text));
        texts.newLine();
        written++;
      }
    }
    System.out.println("bench corpus: " + written + " texts in " + out);
  }
}
