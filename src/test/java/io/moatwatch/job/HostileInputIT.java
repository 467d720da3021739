package io.moatwatch.job;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.cli.Main;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile}, one file per case, made by its
 * {@code _make_corpus.py}) read by one real run of the job: nothing crashes, every record of every file ends
 * analysed, skipped or rejected with a reason, and the manifest's counts reconcile exactly, per file and in all.
 */
@Order(Cost.JOB)
class HostileInputIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  private static final Path CORPUS = Path.of(System.getProperty("moatwatch.projectDir", "."))
      .resolve("src/test/resources/hostile").toAbsolutePath();

  @TempDir
  static Path out;
  private static SparkSession spark;
  private static JsonNode manifest;
  private static final Map<String, JsonNode> perFile = new HashMap<>();

  @BeforeAll
  static void runJobOnTheCorpus() throws Exception {
    assertThat(Main.execute("--input", CORPUS.toString(), "--output", out.toString(), "--run-id", "hostile"))
        .as("the job finishes on hostile input").isZero();
    manifest = new ObjectMapper().readTree(out.resolve("_runs/hostile.json").toFile());
    manifest.path("inputs").forEach(f -> perFile.put(Path.of(f.path("file").asText()).getFileName().toString(), f));
    spark = SPARK.session();
  }

  /**
   * file | read | analysed | skipped | rejected | what the file's rows must say (status=reason start, as
   * found in posts or rejects; several separated by " & ").
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      truncated-json-lines.jsonl   |    3 |    2 | 0 | 1 | rejected=malformed JSON: Unexpected end-of-input
      truncated-json-document.json |    3 |    2 | 0 | 1 | rejected=malformed JSON at line 20, column 4
      bom.jsonl                    |    2 |    2 | 0 | 0 | ok=
      nul-bytes.jsonl              |    3 |    1 | 0 | 2 | rejected=malformed JSON: Illegal unquoted character ((CTRL-CHAR, code 0)) & rejected=malformed JSON: Illegal character ((CTRL-CHAR, code 0)) & ok=
      invalid-utf8.jsonl           |    2 |    2 | 0 | 0 | ok=
      huge-post-10mb.jsonl.gz      |    2 |    1 | 1 | 0 | too_long=cleaned text over --max-chars; 10000000 > 100000 characters
      deep-html.jsonl              |    1 |    1 | 0 | 0 | ok=
      code-only.jsonl              |    4 |    1 | 3 | 0 | empty=nothing left after cleaning; dropped 1 code blocks
      urls-only.jsonl              |    2 |    0 | 2 | 0 | empty=nothing left after cleaning; dropped 0 code blocks, 0 quotes, 0 log lines, 2 URLs
      empty-text.jsonl             |    3 |    0 | 0 | 3 | rejected='text' and 'title' are blank & rejected=neither 'text' nor 'title' is present
      non-english.jsonl            |    4 |    0 | 4 | 0 | not_english=language zh; han script & not_english=language ru; cyrillic & not_english=language es; opennlp langdetect-183: spa & not_english=language ja; hiragana
      emoji.jsonl                  |    2 |    2 | 0 | 0 | ok=
      mixed-types.jsonl            |    4 |    3 | 0 | 1 | rejected='text' is an object, not a string & ok=
      duplicate-ids.jsonl          |    4 |    2 | 2 | 0 | ok=
      unknown-format.json          |    2 |    0 | 0 | 2 | rejected=unknown format: the record matches none of
      empty-file.jsonl             |    0 |    0 | 0 | 0 | -
      truncated-gzip.jsonl.gz      |   61 |   59 | 0 | 2 | rejected=malformed JSON: Unexpected end-of-input & rejected=unreadable input: Unexpected end of ZLIB input stream (the rest of the file could not be read)
      truncated-zstd.jsonl.zst     | 1383 | 1381 | 0 | 2 | rejected=unreadable input: Truncated source (the rest of the file could not be read)
      """)
  void everyRecordOfEveryCaseIsAccountedFor(String file, long read, long analysed, long skipped, long rejected,
      String expected) {
    JsonNode f = perFile.get(file);
    assertThat(f).as(file + " is listed in the manifest, even when empty").isNotNull();
    assertThat(List.of(f.path("read").asLong(), f.path("analysed").asLong(), f.path("skipped").asLong(),
        f.path("rejected").asLong())).as(file + ": read, analysed, skipped, rejected")
        .containsExactly(read, analysed, skipped, rejected);
    List<String> rows = statusAndReason(file);
    for (String want : expected.equals("-") ? List.<String>of() : List.of(expected.split(" & "))) {
      assertThat(rows).as(file).anySatisfy(r -> assertThat(r).startsWith(want.strip()));
    }
    // Every row that is not a plain analysed post carries a reason, except skips whose status says it all.
    for (String r : rows) {
      if (r.startsWith("rejected=") || r.startsWith("not_english=") || r.startsWith("too_long=")
          || r.startsWith("empty=")) {
        assertThat(r.substring(r.indexOf('=') + 1)).as(file + ": " + r).isNotBlank();
      }
    }
  }

  @Test
  void theCorpusHasOneCaseFileForEachRowAndTheRunReconciles() throws Exception {
    List<String> files;
    try (Stream<Path> s = Files.list(CORPUS)) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_") && !n.endsWith(".md")).toList();
    }
    assertThat(perFile.keySet()).containsExactlyInAnyOrderElementsOf(files);
    assertThat(files).hasSize(18);
    JsonNode c = manifest.path("counts");
    assertThat(manifest.path("status").asText()).isEqualTo("succeeded");
    assertThat(c.path("reconciled").asBoolean()).isTrue();
    long read = 0;
    for (JsonNode f : manifest.path("inputs")) {
      read += f.path("read").asLong();
    }
    assertThat(c.path("read").asLong()).isEqualTo(read).isEqualTo(1485);
    assertThat(c.path("read").asLong())
        .isEqualTo(c.path("analysed").asLong() + c.path("skipped").asLong() + c.path("rejected").asLong());
    // Reasons are counted by kind, not one entry per post.
    assertThat(c.path("skip_reasons").path("too_long: cleaned text over --max-chars").asLong()).isEqualTo(1);
    assertThat(c.path("skip_reasons").path("not_english: language zh").asLong()).isEqualTo(1);
    // The rejects table holds one row per rejected record, each with its file, position and reason.
    Dataset<Row> rejects = spark.read().parquet(out.resolve("rejects").toString());
    assertThat(rejects.count()).isEqualTo(c.path("rejected").asLong());
    assertThat(rejects.filter(col("reason").isNull().or(col("position").isNull())).count()).isZero();
  }

  @Test
  void damagedTextIsScoredAsReadAndNamesInsideCjkTextStillFindTheirTopic() {
    Map<String, Row> posts = new HashMap<>();
    spark.read().parquet(out.resolve("posts").toString()).collectAsList().forEach(r -> posts.put(r.getAs("post_id"), r));
    assertThat((String) posts.get("hostile:utf1").getAs("text_clean")).contains("\uFFFD");
    assertThat((String) posts.get("hostile:nul2").getAs("text_clean")).doesNotContain("\u0000");
    assertThat((String) posts.get("hostile:deep1").getAs("text_clean")).isEqualTo("ROCm finally works on my card, great news.");
    assertThat((String) posts.get("hostile:emo2").getAs("language")).isEqualTo("und");
    assertThat((String) posts.get("hostile:emo2").getAs("status")).as("undetermined language is analysed").isEqualTo("ok");
    assertThat((String) posts.get("hostile:ne1").getAs("status")).as("Chinese text naming ROCm: on topic, not English")
        .isEqualTo("not_english");
    assertThat((Long) posts.get("hostile:12345").getAs("score")).as("a score given as a string").isEqualTo(17L);
  }

  private static List<String> statusAndReason(String file) {
    List<String> out = new ArrayList<>();
    for (String table : List.of("posts", "rejects")) {
      Path p = HostileInputIT.out.resolve(table);
      if (!Files.exists(p)) {
        continue;
      }
      for (Row r : spark.read().parquet(p.toString()).filter(col("file").endsWith("/" + file))
          .select("status", "reason").collectAsList()) {
        out.add(r.getString(0) + "=" + (r.isNullAt(1) ? "" : r.getString(1)));
      }
    }
    return out;
  }
}
