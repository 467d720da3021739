package io.moatwatch.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.analyse.corenlp.NlpSettings;
import io.moatwatch.analyse.label.LabelModel;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.analyse.label.LabelModels;
import io.moatwatch.analyse.label.PostSentiment;
import io.moatwatch.analyse.label.StanceTargets;
import io.moatwatch.config.Labels.TopicStance;
import io.moatwatch.prepare.topics.TopicsFile;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import io.moatwatch.testing.SharedRun;
import io.moatwatch.testing.TableText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quality gate: the evaluate command with the shipped label model on the first 100 test items of SST-5, the
 * GitHub gold standard, Senti4SD, Jira and the GPU-thread corpus (its stance pairs too), with the real models, must
 * stay within {@link #TOLERANCE} of the
 * figures recorded in src/test/resources/quality/recorded-subset.json. A change to cleaning, the pipeline, the
 * label model or the mapping that silently moves sentiment fails here; if the move is intended, re-record the
 * file with the command it names and say why in the commit. Then the job itself: its labels are the model's
 * reading of the cleaned text, and {@code --labels corenlp} brings back CoreNLP's. Reads ../shared/datasets in
 * place (the evaluation part is skipped where it is absent; the job part always runs).
 */
@Order(Cost.JOB)
class QualityIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  @RegisterExtension
  static final SharedRun SAMPLE = SharedRun.sampleData();
  static final double TOLERANCE = 0.02;
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
  private static final Path DATASETS = ROOT.resolve("../shared/datasets").normalize();
  private static final List<String> SETS = List.of("sst5", "github", "senti4sd", "jira", "gpu-threads");

  @Test
  void sentimentFiguresStayWhereTheyWereRecorded() throws Exception {
    assumeTrue(Files.isDirectory(DATASETS), "../shared/datasets is not beside this checkout");
    Path out = ROOT.resolve("target/quality-ci");
    int exit = new picocli.CommandLine(new EvaluateMain()).execute("--datasets", DATASETS.toString(), "--out",
        out.toString(), "--sets", String.join(",", SETS), "--limit", "100", "--threads", "2");
    assertThat(exit).isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode results = json.readTree(out.resolve("results.json").toFile());
    JsonNode now = results.path("sets");
    JsonNode recorded = json.readTree(ROOT.resolve("src/test/resources/quality/recorded-subset.json").toFile());
    assertThat(results.path("pipeline").asText()).isEqualTo(recorded.path("pipeline").asText());
    for (String set : SETS) {
      List<String> mappings = set.equals("sst5") ? List.of("stock") : List.of("model", "stock", "calibrated");
      for (String mapping : mappings) {
        for (String figure : List.of("accuracy", "macro_f1")) {
          double expected = recorded.path("sets").path(set).path(mapping).path(figure).asDouble(Double.NaN);
          assertThat(expected).as(set + " " + mapping + " " + figure + " recorded").isNotNaN();
          assertThat(now.path(set).path(mapping).path(figure).asDouble())
              .as(set + " " + mapping + " " + figure).isCloseTo(expected, within(TOLERANCE));
        }
      }
      assertThat(now.path(set).path("n").asInt()).isEqualTo(100);
    }
    assertThat(Files.readString(out.resolve("results.md"))).contains("| github | 100 |", "confusion");
    // The corpus's stance pairs: the model's reading toward each stack, and the post's label given to each.
    for (String reading : List.of("stance, all", "post label, all")) {
      JsonNode expected = recorded.path("sets").path("gpu-threads").path("stance").path(reading);
      assertThat(expected.path("n").asInt()).as(reading + " recorded").isPositive();
      assertThat(now.path("gpu-threads").path("stance").path(reading).path("n").asInt()).as(reading)
          .isEqualTo(expected.path("n").asInt());
      assertThat(now.path("gpu-threads").path("stance").path(reading).path("macro_f1").asDouble()).as(reading)
          .isCloseTo(expected.path("macro_f1").asDouble(), within(TOLERANCE));
    }
    // Every macro-F1 carries its bootstrap interval (threads resampled on the corpus), which holds the figure; the
    // stance reading's gain over the post label has one too.
    for (String set : SETS) {
      List<String> mappings = set.equals("sst5") ? List.of("stock") : List.of("model", "stock", "calibrated");
      for (String mapping : mappings) {
        JsonNode m = now.path(set).path(mapping);
        JsonNode interval = m.path("macro_f1_95");
        assertThat(interval.size()).as(set + " " + mapping + " interval").isEqualTo(2);
        assertThat(m.path("macro_f1").asDouble()).as(set + " " + mapping)
            .isBetween(interval.get(0).asDouble(), interval.get(1).asDouble());
        assertThat(interval.get(1).asDouble() - interval.get(0).asDouble()).as(set + " " + mapping + " width")
            .isBetween(0.02, 0.5);
      }
    }
    assertThat(now.path("gpu-threads").path("stance_minus_post_label_95").path("all").size()).isEqualTo(2);
    assertThat(Files.readString(out.resolve("results.md"))).contains("stance − post label");
    // predictions.csv has each of those pairs: the gold stance and the model's reading, stack by stack.
    long pairs = 0;
    for (String line : Files.readAllLines(out.resolve("predictions.csv"))) {
      String[] cells = line.split(",", -1);
      String[] gold = cells[cells.length - 2].split(";");
      if (!cells[0].equals("gpu-threads") || gold.length < 2) {
        continue;
      }
      pairs += gold.length;
      String[] read = cells[cells.length - 1].split(";");
      assertThat(read).as(line).hasSameSizeAs(gold);
      for (int k = 0; k < gold.length; k++) {
        assertThat(read[k]).as(line).startsWith(gold[k].substring(0, gold[k].indexOf(':') + 1))
            .matches("[^:;,]+:(negative|neutral|positive):[0-9.]+/[0-9.]+/[0-9.]+");
      }
    }
    assertThat(pairs).isEqualTo(now.path("gpu-threads").path("stance").path("stance, all").path("n").asLong());
    // Prevalence correction on skewed subsamples: the figures are seeded, so they stay where they were recorded;
    // on GitHub text (the model's most lopsided errors) the adjusted shares are the better estimate.
    for (String set : List.of("github", "senti4sd", "jira")) {
      for (String figure : List.of("raw_mae", "adjusted_mae")) {
        assertThat(now.path(set).path("prevalence").path(figure).asDouble()).as(set + " " + figure)
            .isCloseTo(recorded.path("sets").path(set).path("prevalence").path(figure).asDouble(Double.NaN),
                within(TOLERANCE));
      }
    }
    assertThat(now.path("github").path("prevalence").path("adjusted_mae").asDouble())
        .isLessThan(now.path("github").path("prevalence").path("raw_mae").asDouble());
    // On developer text the label model is far better than CoreNLP's movie-review labels.
    for (String set : List.of("github", "senti4sd", "jira")) {
      assertThat(now.path(set).path("model").path("macro_f1").asDouble()).as(set)
          .isGreaterThan(now.path(set).path("stock").path("macro_f1").asDouble() + 0.15);
    }
  }

  @Test
  void theJobLabelsPostsWithTheModelByDefaultAndWithCoreNlpOnRequest() throws Exception {
    // The model's labels: the test JVM's shared run of data/ (every default); CoreNLP's: data/jsonl again with
    // --labels corenlp, without the annotation cache.
    Path out = SAMPLE.output();
    Path corenlpOut = ROOT.resolve("target/quality-ci/job-corenlp");
    if (Files.exists(corenlpOut)) {
      SharedRun.deleteTree(corenlpOut); // an earlier build's
    }
    assertThat(SPARK.runJob("--input", ROOT.resolve("data/jsonl").toString(), "--output", corenlpOut.toString(),
        "--run-id", "corenlp", "--labels", "corenlp", "--no-cache")).isZero();
    ObjectMapper json = new ObjectMapper();
    LabelModelSpec spec = LabelModelSpec.builtin();
    JsonNode manifest = SAMPLE.manifest();
    assertThat(manifest.path("config").path("labels").asText()).isEqualTo("model");
    assertThat(manifest.path("config").path("sentiment_model_sha256").asText()).isEqualTo(spec.modelSha256());
    String pipeline = NlpSettings.DEFAULTS.signature() + "/" + spec.signature();
    assertThat(manifest.path("versions").path("pipeline").asText()).isEqualTo(pipeline);
    LabelModel model = LabelModels.get(spec);
    SparkSession spark = SPARK.session();
    List<Row> posts = spark.read().parquet(out.resolve("posts").toString()).filter("status = 'ok'").collectAsList();
    assertThat(posts).hasSizeGreaterThan(3);
    // Each post as the model reads a post of its platform (the sample's Stack Exchange posts through their own path).
    List<double[]> expected = posts.stream().map(r -> model.probabilities(List.of(r.<String>getAs("text_clean")),
        r.<String>getAs("source")).get(0)).toList();
    assertThat(posts).as("the sample has posts of a platform the model reads through a path of its own")
        .anyMatch(r -> spec.genre(r.getAs("source")) > 0);
    for (int i = 0; i < posts.size(); i++) {
      Row r = posts.get(i);
      String id = r.getAs("post_id");
      List<Double> p = list(r, "sentiment_probabilities");
      assertThat(p).as(id).hasSize(3);
      for (int k = 0; k < 3; k++) {
        assertThat(p.get(k)).as(id + " p" + k + " is the model's reading of text_clean")
            .isCloseTo(expected.get(i)[k], within(1e-5));
      }
      assertThat((String) r.getAs("sentiment_label")).as(id)
          .isEqualTo(io.moatwatch.analyse.label.PostSentiment.modelLabel(expected.get(i)));
      assertThat((double) r.getAs("sentiment_score")).as(id).isCloseTo(p.get(2) - p.get(0), within(1e-9));
      assertThat((String) r.getAs("pipeline")).isEqualTo(pipeline);
    }
    List<Row> corenlp = spark.read().parquet(corenlpOut.resolve("posts").toString()).filter("status = 'ok'")
        .collectAsList();
    assertThat(corenlp).hasSizeGreaterThan(3);
    for (Row r : corenlp) {
      assertThat((String) r.getAs("sentiment_label")).isEqualTo(r.getAs("corenlp_label"));
      assertThat((Object) r.getAs("sentiment_probabilities")).isNull();
      assertThat((String) r.getAs("pipeline")).isEqualTo(NlpSettings.DEFAULTS.signature());
    }
    // CoreNLP's figures are the same whichever labeller gives sentiment_label.
    List<String> ids = corenlp.stream().map(r -> r.<String>getAs("post_id")).toList();
    assertThat(spark.read().parquet(corenlpOut.resolve("posts").toString()).filter("status = 'ok'")
        .select("post_id", "corenlp_score", "corenlp_label").orderBy("post_id").collectAsList())
        .isEqualTo(spark.read().parquet(out.resolve("posts").toString()).filter(col("post_id").isin(ids.toArray()))
            .select("post_id", "corenlp_score", "corenlp_label").orderBy("post_id").collectAsList());
    // --no-cache: nothing looked up, nothing written beside the tables.
    JsonNode corenlpManifest = json.readTree(corenlpOut.resolve("_runs/corenlp.json").toFile());
    assertThat(corenlpManifest.path("config").path("annotation_cache").asBoolean()).isFalse();
    assertThat(corenlpOut.resolve("_cache")).doesNotExist();
    for (Row r : corenlp) { // no model, no stance: every topic takes the post's (CoreNLP) label
      for (Row t : QualityIT.<Row>list(r, "topic_sentiment")) {
        assertThat(t.<String>getAs("source")).isEqualTo("post");
        assertThat(t.<String>getAs("label")).isEqualTo(r.getAs("sentiment_label"));
      }
    }
  }

  @Test
  void eachTopicAPostNamesIsReadTowardItByDefault() throws Exception {
    // --topic-stance all (the default): a post naming a topic itself, even one, gets the model's reading of its
    // text toward that topic; one that only inherits its thread's topics gets its own label.
    JsonNode manifest = SAMPLE.manifest();
    assertThat(manifest.path("config").path("topic_stance").asText()).isEqualTo("all");
    LabelModelSpec spec = LabelModelSpec.builtin();
    LabelModel model = LabelModels.get(spec);
    StanceTargets targets = StanceTargets.of(TopicsFile.load(TopicsFile.BUILTIN), spec.stance().targets(),
        TopicStance.ALL);
    List<Row> posts = SPARK.session().read().parquet(SAMPLE.output().resolve("posts").toString())
        .filter("status = 'ok' AND size(topics) > 0").orderBy("post_id").collectAsList();
    int own = 0;
    int inherited = 0;
    for (Row r : posts) {
      String id = r.getAs("post_id");
      List<Row> topics = list(r, "topic_sentiment");
      assertThat(topics).as(id).hasSize(list(r, "topics").size());
      for (Row t : topics) {
        if (r.<Boolean>getAs("topics_inherited")) {
          inherited++;
          assertThat(t.<String>getAs("source")).as(id).isEqualTo("post");
          assertThat(t.<String>getAs("label")).as(id).isEqualTo(r.getAs("sentiment_label"));
        } else {
          assertThat(t.<String>getAs("source")).as(id).isEqualTo("stance");
          if (own++ < 8) { // the model's own reading, on a few posts (each is a model call)
            double[] p = model.stance(targets.of(t.getAs("topic")), r.getAs("text_clean"));
            assertThat(t.<String>getAs("label")).as(id).isEqualTo(PostSentiment.modelLabel(p));
            assertThat(t.<Double>getAs("score")).as(id).isCloseTo(PostSentiment.modelScore(p), within(1e-5));
          }
        }
      }
    }
    assertThat(own).as("topics read toward").isGreaterThan(20);
    assertThat(inherited).as("inherited topics").isPositive();
  }

  @Test
  void byDefaultTheModelReadsTheSentencesNamingATopicOrAnEntityAndOnRequestEverySentence() throws Exception {
    // --sentence-labels named (the default): a sentence has the model's label where it names a topic or an entity
    // (what the mention-level aggregates read), else CoreNLP's figures alone.
    assertThat(SAMPLE.manifest().path("config").path("sentence_labels").asText()).isEqualTo("named");
    SparkSession spark = SPARK.session();
    Map<String, Row> named = new TreeMap<>();
    spark.read().parquet(SAMPLE.output().resolve("posts").toString()).filter("status = 'ok'").collectAsList()
        .forEach(r -> named.put(r.getAs("post_id"), r));
    int read = 0;
    int unread = 0;
    for (Row r : named.values()) {
      int labelled = 0;
      for (Row s : QualityIT.<Row>list(r, "sentences")) {
        String where = r.getAs("post_id") + " sentence " + s.getAs("index");
        boolean names = !list(s, "topics").isEmpty() || !list(s, "entities").isEmpty();
        for (String column : List.of("label", "score", "label_probabilities")) {
          assertThat(s.isNullAt(s.fieldIndex(column))).as(where + " " + column).isEqualTo(!names);
        }
        labelled += names ? 1 : 0;
        read += names ? 1 : 0;
        unread += names ? 0 : 1;
      }
      assertThat(r.<Integer>getAs("n_sentences_scored")).as(r.<String>getAs("post_id")).isEqualTo(labelled);
    }
    assertThat(read).as("sentences read").isGreaterThan(20);
    assertThat(unread).as("sentences not read").isGreaterThan(20);

    // The same posts with every sentence read: from the shared run's cache, so CoreNLP runs on none of them.
    Path out = ROOT.resolve("target/quality-ci/job-all-sentences");
    if (Files.exists(out)) {
      SharedRun.deleteTree(out); // an earlier build's
    }
    SAMPLE.seedCache(out);
    List<String> args = new ArrayList<>(SAMPLE.args());
    args.addAll(List.of("--output", out.toString(), "--run-id", "all-sentences", "--sentence-labels", "all"));
    assertThat(SPARK.runJob(args.toArray(String[]::new))).isZero();
    spark = SPARK.session(); // the job stopped the session it shared
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("_runs/all-sentences.json").toFile());
    assertThat(manifest.path("config").path("sentence_labels").asText()).isEqualTo("all");
    assertThat(manifest.path("counts").path("analysed_by_corenlp").asLong()).isZero();
    List<Row> every = spark.read().parquet(out.resolve("posts").toString()).filter("status = 'ok'").collectAsList();
    assertThat(every).hasSameSizeAs(named.values());
    for (Row r : every) {
      String id = r.getAs("post_id");
      Row before = named.get(id);
      for (String column : List.of("sentiment_label", "sentiment_score", "topic_sentiment", "corenlp_label")) {
        assertThat((Object) r.getAs(column)).as(id + " " + column).isEqualTo(before.getAs(column));
      }
      List<Row> sentences = list(r, "sentences");
      List<Row> earlier = list(before, "sentences");
      assertThat(r.<Integer>getAs("n_sentences_scored")).as(id).isEqualTo(sentences.size());
      for (int i = 0; i < sentences.size(); i++) {
        Row s = sentences.get(i);
        assertThat(s.isNullAt(s.fieldIndex("label"))).as(id + " sentence " + i + " read").isFalse();
        if (!earlier.get(i).isNullAt(earlier.get(i).fieldIndex("label"))) {
          assertThat(s).as(id + " sentence " + i + ": the same reading either way").isEqualTo(earlier.get(i));
        }
      }
    }
    // No aggregate reads a sentence naming nothing: every table is the same.
    for (String table : List.of("topic_daily", "topic_entities", "threads")) {
      Map<String, String> a = new TreeMap<>();
      Map<String, String> b = new TreeMap<>();
      TableText.add(a, table, spark.read().parquet(SAMPLE.output().resolve(table).toString()).drop("run_id"));
      TableText.add(b, table, spark.read().parquet(out.resolve(table).toString()).drop("run_id"));
      assertThat(b).as(table).isNotEmpty().isEqualTo(a);
    }
  }

  /** An array column of {@code r} as a Java list (empty where it is null). */
  private static <T> List<T> list(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? List.of() : r.getList(i);
  }
}
