package io.moatwatch.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.prepare.clean.TextCleaner;
import io.moatwatch.prepare.language.LanguageDetector;
import io.moatwatch.prepare.language.LanguageGuess;
import io.moatwatch.schema.Markup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the job's language identification ({@code jobs/evaluate-language.sh}, QUALITY.md):
 * <ul>
 *   <li>English that must stay English: every text of the labelled sets (all English), cleaned as the job
 *       cleans it, split by split; how many are called another language, with examples;
 *   <li>other languages that must not be scored as English: the probe sentences (language, tab, text) and the
 *       hostile corpus's posts in other languages; how many are kept from English scoring, how many get the
 *       right language;
 *   <li>speed: microseconds per text over the labelled sets (the model's first load not counted).
 * </ul>
 * Nothing here tunes anything: the rule's threshold was read off the tuning splits (LanguageDetector).
 */
public final class LanguageCheck {
  private LanguageCheck() {}

  public static void main(String[] args) throws IOException {
    Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
    Path probes = Path.of(args.length > 1 ? args[1] : "src/test/resources/language/probes.tsv");
    Path hostile = Path.of(args.length > 2 ? args[2] : "src/test/resources/hostile/non-english.jsonl");
    Path shortProbes = Path.of(args.length > 3 ? args[3] : "src/test/resources/language/short-probes.tsv");
    LanguageDetector detector = new LanguageDetector();
    detector.detect("The model loads once, before anything is timed.");
    TextCleaner cleaner = new TextCleaner();
    System.out.printf(Locale.ROOT, "%-10s %-7s %6s %12s %10s%n", "set", "split", "texts", "non-English", "us/text");
    Datasets sets = new Datasets(datasets);
    int allTexts = 0;
    int allNon = 0;
    List<String> examples = new ArrayList<>();
    for (String name : List.of("sst5", "github", "senti4sd", "jira", "premo")) {
      LabelledSet set = sets.load(name);
      for (String split : List.of("tuning", "test")) {
        List<LabelledItem> items = split.equals("test") ? set.test() : set.tuning();
        if (items.isEmpty()) {
          continue;
        }
        int n = 0;
        int non = 0;
        long nanos = 0;
        for (LabelledItem it : items) {
          String text = cleaner.clean(it.text(), set.markup()).text();
          if (text.isBlank()) {
            continue;
          }
          long t = System.nanoTime();
          LanguageGuess g = detector.detect(text);
          nanos += System.nanoTime() - t;
          n++;
          if (!g.englishOrUndetermined()) {
            non++;
            if (examples.size() < 10) {
              examples.add(name + "/" + split + " " + g.language() + " (" + g.evidence() + "): "
                  + text.substring(0, Math.min(90, text.length())).replace('\n', ' '));
            }
          }
        }
        allTexts += n;
        allNon += non;
        System.out.printf(Locale.ROOT, "%-10s %-7s %6d %12d %10.1f%n", name, split, n, non, nanos / 1e3 / n);
      }
    }
    System.out.printf(Locale.ROOT, "English texts: %d, called another language: %d%n", allTexts, allNon);
    examples.forEach(e -> System.out.println("  " + e));

    probes(detector, "probes", probes);
    probes(detector, "short replies", shortProbes);

    ObjectMapper json = new ObjectMapper();
    StringBuilder found = new StringBuilder();
    for (String line : Files.readAllLines(hostile, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode r = json.readTree(line);
      String text = cleaner.clean(r.path("text").asText(), Markup.PLAIN).text();
      found.append(found.length() == 0 ? "" : ", ").append(r.path("id").asText()).append('=')
          .append(detector.detect(text).language());
    }
    System.out.println("hostile corpus: " + found);
  }

  private static void probes(LanguageDetector detector, String what, Path file) throws IOException {
    int n = 0;
    int kept = 0;
    int right = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] p = line.split("\t", 2);
      LanguageGuess g = detector.detect(p[1]);
      n++;
      kept += g.englishOrUndetermined() ? 0 : 1;
      right += g.language().equals(p[0]) ? 1 : 0;
      if (!g.language().equals(p[0])) {
        System.out.println("  " + what + ": " + p[0] + " read as " + g.language() + " (" + g.evidence() + "): " + p[1]);
      }
    }
    System.out.printf(Locale.ROOT, "%s: %d, kept from English scoring: %d, right language: %d%n", what, n, kept,
        right);
  }
}
