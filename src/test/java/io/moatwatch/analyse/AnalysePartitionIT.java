package io.moatwatch.analyse;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.analyse.corenlp.NlpSettings;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.analyse.label.LabelModels;
import io.moatwatch.config.Labels;
import io.moatwatch.output.Accounting;
import io.moatwatch.output.RunTally;
import io.moatwatch.prepare.topics.TopicsFile;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.RowBuilder;
import io.moatwatch.schema.Status;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The NLP stage's own cases on a few rows, on a real local Spark session with the real CoreNLP pipeline and label
 * model (what the job's nlp stage does: rows partitioned and sorted by text, {@link AnalysePartition} on each
 * partition, then {@link Accounting#tally}): exact duplicate texts are analysed once, and a post over CoreNLP's time
 * limit is marked and counted, never lost. (Whole-job runs of both were in SampleRunIT before; the job's part,
 * the stage's wiring, is what every job run exercises.)
 */
@Order(Cost.SPARK)
class AnalysePartitionIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  private static final RowBuilder.Shape NLP_IN = RowBuilder.shape(Columns.NLP_IN);

  /** The job's task with the built-in topics, gazetteer and label model, and this time limit per post. */
  private static NlpTask task(double maxPostSeconds) throws Exception {
    LabelModelSpec model = LabelModelSpec.builtin();
    return NlpTask.of(NlpSettings.DEFAULTS, Labels.DEFAULT, model, TopicsFile.load(TopicsFile.BUILTIN),
        maxPostSeconds, NlpSettings.DEFAULTS.signature() + "/" + model.signature());
  }

  /** A pending post naming {@code topic}, as the cache stage hands it on (no cached analysis). */
  private static Row pending(String id, String text, String topic) {
    return pending(id, text, topic, "forum");
  }

  /** The same from {@code source}'s platform. */
  private static Row pending(String id, String text, String topic, String source) {
    return NLP_IN.row().set(Columns.STATUS, Status.PENDING.label()).set(Columns.POST_ID, id)
        .set(Columns.SOURCE, source).set(Columns.TEXT_CLEAN, text).set(Columns.DT, "2026-11-20")
        .set(Columns.TOPICS, Columns.seq(List.of(topic))).set(Columns.TOPICS_INHERITED, false)
        .set(Columns.FORMAT, "jsonl").set(Columns.FILE, "posts.jsonl").set(Columns.POSITION, "line " + id)
        .set(Columns.SEQ, 0L).build();
  }

  /** The rows through the stage's steps, as the job runs them (partitioned and sorted by text). */
  private static Dataset<Row> analyse(List<Row> rows, NlpTask task) {
    return SPARK.session().createDataFrame(rows, Columns.NLP_IN)
        .repartition(2, col(Columns.TEXT_CLEAN)).sortWithinPartitions(col(Columns.TEXT_CLEAN))
        .mapPartitions(new AnalysePartition(task), Encoders.row(Columns.ANALYSED)).cache();
  }

  @Test
  void exactDuplicateTextsAreAnalysedOnce() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (String id : List.of("a", "b", "c")) {
      rows.add(pending(id, "ROCm 7 works great on my card, thanks AMD.", "ROCm"));
    }
    rows.add(pending("d", "CUDA crashed again. Awful.", "CUDA"));
    Dataset<Row> analysed = analyse(rows, task(0));
    RunTally tally = Accounting.tally(analysed);
    assertThat(tally.byStatus()).containsExactly(Map.entry("ok", 4L));
    assertThat(tally.sources()).containsEntry("nlp", 2L).containsEntry("duplicate", 2L);
    Map<String, Row> posts = analysed.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs(Columns.POST_ID), r -> r));
    for (String id : List.of("b", "c")) {
      assertThat((double) posts.get(id).getAs(Columns.SENTIMENT_SCORE))
          .isEqualTo((double) posts.get("a").getAs(Columns.SENTIMENT_SCORE));
      assertThat(posts.get(id).<scala.collection.Seq<Row>>getAs(Columns.ENTITIES).size())
          .isEqualTo(posts.get("a").<scala.collection.Seq<Row>>getAs(Columns.ENTITIES).size()).isPositive();
    }
    assertThat((double) posts.get("d").getAs(Columns.SENTIMENT_SCORE))
        .isNotEqualTo((double) posts.get("a").getAs(Columns.SENTIMENT_SCORE));
    assertThat(posts.values().stream().filter(r -> r.getAs(Columns.NEW_ANALYSIS) != null))
        .as("fresh analyses for the cache: one per distinct text").hasSize(2);
  }

  /**
   * The shipped model reads Stack Exchange posts through a path of its own (LabelModelSpec.Genres): the same text
   * posted there and on a forum gets each path's reading, never the other's, though the stage reuses an analysis
   * for a text it has just analysed.
   */
  @Test
  void theSameTextFromAStackExchangeSiteAndAForumGetsEachPathsReading() throws Exception {
    String text = "ROCm: kill the process and attach the crash log.";
    LabelModelSpec spec = LabelModelSpec.builtin();
    double[] qa = LabelModels.get(spec).probabilities(List.of(text), "stackexchange").get(0);
    double[] shipped = LabelModels.get(spec).probabilities(List.of(text), "forum").get(0);
    assertThat(Math.abs(qa[0] - shipped[0]) + Math.abs(qa[2] - shipped[2])).as("the paths read it otherwise")
        .isGreaterThan(0.01);
    List<Row> rows = new ArrayList<>();
    rows.add(pending("f1", text, "ROCm"));
    rows.add(pending("q1", text, "ROCm", "stackexchange"));
    rows.add(pending("f2", text, "ROCm"));
    rows.add(pending("q2", text, "ROCm", "stackexchange"));
    Dataset<Row> analysed = analyse(rows, task(0));
    RunTally tally = Accounting.tally(analysed);
    assertThat(tally.byStatus()).containsExactly(Map.entry("ok", 4L));
    assertThat(tally.sources().get("nlp")).as("each path's text analysed once at least").isBetween(2L, 4L);
    for (Row r : analysed.collectAsList()) {
      double[] expected = r.<String>getAs(Columns.POST_ID).startsWith("q") ? qa : shipped;
      scala.collection.Seq<Double> got = r.getAs(Columns.SENTIMENT_PROBABILITIES);
      for (int k = 0; k < 3; k++) {
        assertThat(got.apply(k)).as(r.<String>getAs(Columns.POST_ID) + " class " + k).isEqualTo(expected[k]);
      }
    }
  }

  @Test
  void postsOverTheTimeLimitAreMarkedTimedOutAndCounted() throws Exception {
    // 1 ms is shorter than CoreNLP needs for any post (tokenizer, tagger, NER, parser, sentiment), so every post
    // times out; a row that is not pending passes through untouched.
    List<Row> rows = new ArrayList<>(List.of(pending("a", "ROCm 7 works great on my card, thanks AMD.", "ROCm"),
        pending("b", "CUDA crashed again. Awful.", "CUDA")));
    rows.add(NLP_IN.row().copy(pending("c", "Was ist ROCm?", "ROCm"), Columns.NLP_IN)
        .set(Columns.STATUS, Status.NOT_ENGLISH.label()).set(Columns.REASON, "language de").build());
    Dataset<Row> analysed = analyse(rows, task(0.001));
    RunTally tally = Accounting.tally(analysed);
    assertThat(tally.byStatus()).containsExactlyInAnyOrderEntriesOf(Map.of("timed_out", 2L, "not_english", 1L));
    assertThat(tally.sources()).doesNotContainKey("nlp");
    assertThat(tally.skipReasons()).containsEntry("timed_out: CoreNLP time limit", 2L);
    assertThat(analysed.filter(col(Columns.STATUS).equalTo("timed_out")).collectAsList()).hasSize(2)
        .allSatisfy(r -> {
          assertThat((Object) r.getAs(Columns.SENTIMENT_SCORE)).isNull();
          assertThat((String) r.getAs(Columns.REASON)).startsWith("CoreNLP time limit; over 0.001 s");
        });
  }
}
