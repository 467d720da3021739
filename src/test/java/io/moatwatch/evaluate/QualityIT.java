package io.moatwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quality gate: the evaluate command (training the devtext model on the full training splits) on the
 * first 100 test items of SST-5, the GitHub gold standard and Senti4SD, with the real models, must stay
 * within {@link #TOLERANCE} of the figures recorded in
 * src/test/resources/quality/recorded-subset.json. A change to cleaning, the pipeline or the label mapping that
 * silently moves sentiment fails here; if the move is intended, re-record the file with the command it names
 * and say why in the commit. Reads ../shared/datasets in place (skipped where it is absent).
 */
class QualityIT {
  static final double TOLERANCE = 0.02;
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
  private static final Path DATASETS = ROOT.resolve("../shared/datasets").normalize();

  @Test
  void sentimentFiguresStayWhereTheyWereRecorded() throws Exception {
    assumeTrue(Files.isDirectory(DATASETS), "../shared/datasets is not beside this checkout");
    Path out = ROOT.resolve("target/quality-ci");
    int exit = new picocli.CommandLine(new EvaluateMain()).execute("--datasets", DATASETS.toString(), "--out",
        out.toString(), "--sets", "sst5,github,senti4sd", "--limit", "100", "--threads", "2", "--train-devtext");
    assertThat(exit).isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode now = json.readTree(out.resolve("results.json").toFile()).path("sets");
    JsonNode recorded = json.readTree(ROOT.resolve("src/test/resources/quality/recorded-subset.json").toFile())
        .path("sets");
    for (String set : List.of("sst5", "github", "senti4sd")) {
      for (String mapping : set.equals("sst5") ? List.of("stock") : List.of("stock", "calibrated", "devtext")) {
        for (String figure : List.of("accuracy", "macro_f1")) {
          double expected = recorded.path(set).path(mapping).path(figure).asDouble(Double.NaN);
          assertThat(expected).as(set + " " + mapping + " " + figure + " recorded").isNotNaN();
          assertThat(now.path(set).path(mapping).path(figure).asDouble())
              .as(set + " " + mapping + " " + figure).isCloseTo(expected, within(TOLERANCE));
        }
      }
      assertThat(now.path(set).path("n").asInt()).isEqualTo(100);
    }
    assertThat(Files.readString(out.resolve("results.md"))).contains("| github | 100 |", "confusion");
    // On developer text the trained model is clearly better than CoreNLP's movie-review labels.
    for (String set : List.of("github", "senti4sd")) {
      assertThat(now.path(set).path("devtext").path("macro_f1").asDouble())
          .isGreaterThan(now.path(set).path("stock").path("macro_f1").asDouble() + 0.05);
    }

    // The job with --devtext-model labels every scored post with the model, over the text it cleaned.
    Path model = out.resolve("devtext.model.gz");
    Path results = out.resolve("job");
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
    try {
      assertThat(io.moatwatch.cli.Main.execute("--input", ROOT.resolve("data/jsonl").toString(), "--output",
          results.toString(), "--devtext-model", model.toString(), "--run-id", "devtext")).isZero();
    } finally {
      System.clearProperty("spark.master");
      System.clearProperty("spark.ui.enabled");
    }
    JsonNode manifest = json.readTree(results.resolve("_runs/devtext.json").toFile());
    assertThat(manifest.path("config").path("devtext_model").asText()).isEqualTo(model.toString());
    io.moatwatch.devtext.DevTextModel loaded = io.moatwatch.devtext.DevTextModel.load(model);
    var spark = org.apache.spark.sql.SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .getOrCreate();
    try {
      var posts = spark.read().parquet(results.resolve("posts").toString()).filter("status = 'ok'").collectAsList();
      assertThat(posts).hasSizeGreaterThan(3);
      for (var r : posts) {
        assertThat((String) r.getAs("sentiment_label")).as((String) r.getAs("post_id"))
            .isEqualTo(loaded.label(r.getAs("text_clean")));
        assertThat((String) r.getAs("pipeline")).endsWith("/labels=devtext");
      }
    } finally {
      spark.stop();
    }
  }
}
