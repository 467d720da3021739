package io.moatwatch.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.AnalysisCodec;
import io.moatwatch.analyse.corenlp.NlpSettings;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.cache.CacheKey;
import io.moatwatch.cli.Main;
import io.moatwatch.schema.Columns;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import io.moatwatch.testing.SharedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on the bundled sample exports in data/, on a real local Spark session with the real CoreNLP
 * models, asserting on the Parquet it writes: the test JVM's shared run ({@link SharedRun#sampleData}), then,
 * on a copy of its output, the job run again (a day replaced, the annotation cache, another neutral band) and
 * beside it (an empty day, hashed authors). The expected counts are facts about data/: 74 records, of which one
 * malformed Reddit line and one unreadable timestamp are rejected (see data/README.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Cost.JOB)
class SampleRunIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  @RegisterExtension
  static final SharedRun SAMPLE = SharedRun.sampleData();
  /** The shared run's id: its manifest, and its rows' run_id. */
  private static final String FIRST = SharedRun.RUN_ID;
  @TempDir
  static Path out;
  private static SparkSession spark;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void copyTheSharedRun() throws Exception {
    SAMPLE.copyTo(out); // the later tests run the job again on this output
    spark = SPARK.session();
  }

  private static JsonNode manifest(String runId) throws Exception {
    return JSON.readTree(Files.readString(out.resolve("_runs/" + runId + ".json")));
  }

  private static Dataset<Row> table(String name) {
    return spark.read().parquet(out.resolve(name).toString());
  }

  private static Map<String, Row> postsById() {
    return table("posts").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("post_id"), r -> r));
  }

  @Test
  @Order(1)
  void manifestAccountsForEveryRecord() throws Exception {
    JsonNode m = manifest(FIRST);
    assertThat(m.path("status").asText()).isEqualTo("succeeded");
    JsonNode c = m.path("counts");
    assertThat(c.path("read").asLong()).isEqualTo(74);
    assertThat(c.path("analysed").asLong()).isEqualTo(56);
    assertThat(c.path("skipped").asLong()).isEqualTo(16);
    assertThat(c.path("by_status").path("not_english").asLong()).as("the German Discord message").isEqualTo(1);
    assertThat(c.path("by_status").path("duplicate").asLong()).as("the Perceval issue fetched twice").isEqualTo(2);
    assertThat(c.path("skip_reasons").path("not_content: discourse post_type 3 (not a regular post)").asLong())
        .isEqualTo(1);
    assertThat(c.path("skip_reasons")
        .path("not_content: mastodon note not addressed to the public (followers-only or direct)").asLong())
        .isEqualTo(1);
    assertThat(c.path("rejected").asLong()).isEqualTo(2);
    assertThat(c.path("reconciled").asBoolean()).isTrue();
    assertThat(c.path("sentences").asLong()).as("sentences CoreNLP found").isGreaterThan(c.path("analysed").asLong());
    assertThat(m.path("jvm").path("driver_peak_heap_mb").asLong()).isPositive();
    // The NLP stage's thread time in CoreNLP and in the label model, read within the run (NlpTime).
    JsonNode t = m.path("timings_s");
    assertThat(t.path("corenlp_thread").asDouble()).as("CoreNLP analysed 56 posts").isPositive();
    assertThat(t.path("label_model_thread").asDouble()).as("the model read them").isPositive();
    long perFile = 0;
    for (JsonNode f : m.path("inputs")) {
      assertThat(f.path("read").asLong())
          .isEqualTo(f.path("analysed").asLong() + f.path("skipped").asLong() + f.path("rejected").asLong());
      perFile += f.path("read").asLong();
    }
    assertThat(perFile).isEqualTo(74);
    assertThat(m.path("inputs")).hasSize(17);
    Map<String, String> formats = new HashMap<>();
    m.path("inputs").forEach(f -> formats.put(Path.of(f.path("file").asText()).getFileName().toString(),
        f.path("format").asText()));
    assertThat(formats).containsEntry("algolia_search_rocm.json", "hn-algolia")
        .containsEntry("RS_2026-11_sample.zst", "reddit")
        .containsEntry("forums_2026-11.jsonl", "jsonl")
        .containsEntry("tinygrad_topic_900.json", "discourse")
        .containsEntry("rocm_issue_77_comments.json", "github")
        .containsEntry("x_api_v2_search.jsonl", "x")
        .containsEntry("tweets.js", "x-archive")
        .containsEntry("outbox.json", "mastodon")
        .containsEntry("tinygrad community - Text Channels - amd-gpus [1300000000000000001].json", "discord")
        .containsEntry("Posts.xml", "stackexchange")
        .containsEntry("lobsters_comments.csv", "csv")
        .containsEntry("grimoirelab_github.jsonl", "perceval");
    assertThat(c.path("skip_reasons").path("not_content: discord bot message").asLong()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void postsTableHasTheDocumentedColumnsAndRows() {
    Dataset<Row> posts = table("posts");
    assertThat(Arrays.asList(posts.columns())).containsExactlyElementsOf(Columns.POSTS);
    // ok 56 + not_english 1 + deleted 2 + removed 1 + empty 1; off-topic, not-content and duplicates are
    // counted, not written
    assertThat(posts.count()).isEqualTo(61);
    assertThat(posts.filter(col("status").equalTo("ok")).count()).isEqualTo(56);
    Row german = posts.filter(col("post_id").equalTo("discord:d1")).first();
    assertThat((String) german.getAs("status")).isEqualTo("not_english");
    assertThat((String) german.getAs("language")).isEqualTo("de");
    assertThat((String) german.getAs("reason")).startsWith("language de; opennlp langdetect-183: deu ");
    assertThat((Object) german.getAs("sentiment_label")).as("not scored by the English model").isNull();
    assertThat(posts.filter(col("status").equalTo("ok").and(col("language").notEqual("en"))
        .and(col("language").notEqual("und"))).count()).as("every scored post is English or undetermined").isZero();
    assertThat(posts.select("dt").distinct().collectAsList()).extracting(r -> String.valueOf(r.get(0)))
        .containsExactlyInAnyOrder("2026-11-19", "2026-11-20");
    assertThat(posts.filter(col("post_id").equalTo("reddit:t3_1offt04")).count()).as("off-topic post").isZero();
  }

  @Test
  @Order(3)
  void clearCasesAreScoredTheRightWay() {
    Map<String, Row> posts = postsById();
    for (String id : List.of("hn:46020006", "hn:46030005", "reddit:t1_k06", "hn:46030002")) {
      assertThat((String) posts.get(id).getAs("sentiment_label")).as(id).isEqualTo("positive");
      assertThat((double) posts.get(id).getAs("sentiment_score")).as(id).isGreaterThan(0.15);
    }
    for (String id : List.of("discord:d2", "hn:46020003", "reddit:t1_k02", "hn:46030003")) {
      assertThat((String) posts.get(id).getAs("sentiment_label")).as(id).isEqualTo("negative");
      assertThat((double) posts.get(id).getAs("sentiment_score")).as(id).isLessThan(-0.15);
    }
  }

  @Test
  @Order(4)
  void cleaningAndThreadsShowInThePosts() {
    Map<String, Row> posts = postsById();
    Row reply = posts.get("reddit:t1_k01"); // "Same here ..." never names ROCm
    assertThat(reply.<scala.collection.Seq<String>>getAs("topics").mkString(",")).isEqualTo("ROCm");
    assertThat((boolean) reply.getAs("topics_inherited")).isTrue();
    // Hacker News items give only parents: roots are reconstructed within the input.
    assertThat((String) posts.get("hn:46020004").getAs("thread_id")).isEqualTo("hn:46020001");
    assertThat((String) posts.get("hn:46030007").getAs("thread_id")).isEqualTo("hn:46030001");
    Row deletedReply = posts.get("hn:46020005"); // deleted, two levels down, names nothing
    assertThat((String) deletedReply.getAs("status")).isEqualTo("deleted");
    assertThat((int) deletedReply.getAs("depth")).isEqualTo(2);
    assertThat((int) posts.get("hn:46020001").getAs("depth")).isZero();
    assertThat(deletedReply.<scala.collection.Seq<String>>getAs("topics").mkString(",")).isEqualTo("tinygrad");
    Row xReply = posts.get("x:1991000000000000003"); // replies in the CUDA conversation without naming it
    assertThat(xReply.<scala.collection.Seq<String>>getAs("topics").mkString(",")).isEqualTo("CUDA");
    assertThat((boolean) xReply.getAs("topics_inherited")).isTrue();
    assertThat((String) posts.get("x:1991000000000000002").getAs("text_clean"))
        .endsWith("Impressive progress from the AMD team.");
    Row discordReply = posts.get("discord:1310000000000000002");
    assertThat((String) discordReply.getAs("thread_id")).isEqualTo("discord:1310000000000000001");
    assertThat((String) discordReply.getAs("community")).isEqualTo("tinygrad community / Text Channels / amd-gpus");
    Row csvReply = posts.get("lobsters:c2"); // CSV, two levels down, "painful is relative ... CUDA kernels"
    assertThat(csvReply.<scala.collection.Seq<String>>getAs("topics").mkString(",")).isEqualTo("CUDA");
    assertThat((String) posts.get("stackexchange:ai.stackexchange.com/4102").getAs("parent_id"))
        .isEqualTo("stackexchange:ai.stackexchange.com/4101");
    assertThat(List.of("x:1991000000000000002", "github:ROCm/ROCm#77", "reddit:t3_1cuda02", "hn:46020004",
        "stackexchange:ai.stackexchange.com/4102").stream().map(id -> (String) posts.get(id).getAs("kind")))
        .containsExactly("retweet", "issue", "submission", "comment", "answer");
    Row refetched = posts.get("github:acme/trainer#412"); // in the Perceval file twice: the newer copy is kept
    assertThat((String) refetched.getAs("position")).isEqualTo("line 2, record 0");
    assertThat((String) refetched.getAs("text_clean")).contains("illegal address");
    Row codePost = posts.get("hn:46020004");
    assertThat((String) codePost.getAs("text_clean")).doesNotContain("Tensor.rand");
    assertThat((int) codePost.getAs("dropped_code_blocks")).isEqualTo(1);
    Row entities = posts.get("hn:46010011");
    assertThat((String) entities.getAs("text_clean")).doesNotContain("PyTorch just worked");
    assertThat((String) posts.get("github:ROCm/ROCm#77/c7703").getAs("status")).isEqualTo("empty");
    assertThat((String) posts.get("discourse:900#3").getAs("parent_id")).isEqualTo("discourse:900#2");
    assertThat((String) posts.get("reddit:t1_k03").getAs("status")).isEqualTo("deleted");
    assertThat((String) posts.get("reddit:t3_1gone03").getAs("status")).isEqualTo("removed");
    long people = table("posts").select(explode(col("entities")).as("e"))
        .filter(col("e.text").equalTo("George Hotz").and(col("e.type").equalTo("PERSON"))).count();
    assertThat(people).isEqualTo(1);
    assertThat(table("posts").select(explode(col("entities")).as("e"))
        .filter(col("e.text").equalTo("Nvidia").and(col("e.type").equalTo("ORGANIZATION"))).count()).isPositive();
    assertThat(table("posts").select(explode(col("entities")).as("e"))
        .filter(col("e.type").isin("NUMBER", "DATE", "DURATION")).count()).as("numeric mentions").isZero();
  }

  @Test
  @Order(5)
  void rejectsCarryFilePositionAndReason() {
    List<Row> rejects = table("rejects").orderBy("file").collectAsList();
    assertThat(rejects).hasSize(2);
    assertThat((String) rejects.get(0).getAs("file")).endsWith("forums_2026-11.jsonl");
    assertThat((String) rejects.get(0).getAs("position")).isEqualTo("line 4");
    assertThat((String) rejects.get(0).getAs("reason")).isEqualTo("unreadable timestamp 'not a date' in field 'created_at'");
    assertThat((String) rejects.get(1).getAs("file")).endsWith("RC_2026-11_sample.ndjson");
    assertThat((String) rejects.get(1).getAs("position")).isEqualTo("line 6");
    assertThat((String) rejects.get(1).getAs("reason")).startsWith("malformed JSON");
    assertThat((String) rejects.get(1).getAs("excerpt")).contains("this line was cut off");
  }

  @Test
  @Order(6)
  void topicDailyAddsUpToThePosts() {
    Dataset<Row> daily = table("topic_daily");
    for (String topic : List.of("tinygrad", "ROCm", "CUDA")) {
      for (String day : List.of("2026-11-19", "2026-11-20")) {
        List<Row> rows = daily.filter(col("topic").equalTo(topic).and(col("dt").equalTo(day))).collectAsList();
        assertThat(rows).as(topic + " " + day).isNotEmpty();
        long posts = rows.stream().mapToLong(r -> r.getAs("posts")).sum();
        long expected = table("posts").filter(col("status").equalTo("ok").and(col("dt").equalTo(day)))
            .select(explode(col("topics")).as("t")).filter(col("t").equalTo(topic)).count();
        assertThat(posts).as(topic + " " + day).isEqualTo(expected);
        long sentences = rows.stream().mapToLong(r -> r.getAs("sentences")).sum();
        Row inPosts = table("posts").filter(col("status").equalTo("ok").and(col("dt").equalTo(day))
            .and(functions.array_contains(col("topics"), topic))).agg(functions.sum("n_sentences")).first();
        assertThat(sentences).as(topic + " " + day + ": every sentence of its posts").isEqualTo(inPosts.getLong(0));
        for (Row r : rows) {
          long p = r.getAs("positive");
          long n = r.getAs("negative");
          long total = r.getAs("posts");
          assertThat(p + (long) r.getAs("neutral") + n).isEqualTo(total);
          assertThat((double) r.getAs("net_sentiment_all")).isEqualTo((double) (p - n) / total);
        }
      }
    }
  }

  @Test
  @Order(6)
  void topicDailyHasShareOfVoiceMentionSentimentAndDayOverDayChange() {
    Dataset<Row> daily = table("topic_daily");
    assertThat(Arrays.asList(daily.columns())).containsExactlyElementsOf(
        java.util.stream.Stream.concat(io.moatwatch.output.TopicDaily.COLUMNS.stream().filter(c -> !c.equals("dt")),
            java.util.stream.Stream.of("run_id", "dt")).toList());
    // Share of voice adds up to 1 over the topics of each day and source, and of each day.
    for (Row r : daily.groupBy("dt", "source").agg(functions.sum("share_of_voice").as("s")).collectAsList()) {
      assertThat((double) r.getAs("s")).as(r.toString()).isCloseTo(1.0, within(1e-9));
    }
    Map<String, Double> sovAll = new HashMap<>();
    for (Row r : daily.select("dt", "topic", "share_of_voice_all_sources").distinct().collectAsList()) {
      sovAll.merge(String.valueOf(r.get(0)), (double) r.getAs(2), Double::sum);
    }
    assertThat(sovAll.values()).allSatisfy(v -> assertThat(v).isCloseTo(1.0, within(1e-9)));
    for (Row r : daily.collectAsList()) {
      assertThat((boolean) r.getAs("low_volume")).isEqualTo((long) r.getAs("posts") < 20);
      for (String label : List.of("positive", "neutral", "negative")) {
        double share = r.getAs(label + "_share");
        assertThat(share).as(label + " share inside its interval")
            .isBetween((double) r.getAs(label + "_share_low"), (double) r.getAs(label + "_share_high"));
      }
      if ((long) r.getAs("mention_sentences") > 0) {
        double mentionNegative = r.getAs("mention_negative_share");
        assertThat(mentionNegative).isBetween((double) r.getAs("mention_negative_share_low"),
            (double) r.getAs("mention_negative_share_high"));
      }
      double adjusted = (double) r.getAs("adjusted_positive_share") + (double) r.getAs("adjusted_neutral_share")
          + (double) r.getAs("adjusted_negative_share");
      assertThat(adjusted).as("adjusted shares on the simplex").isCloseTo(1.0, within(1e-9));
      assertThat((double) r.getAs("adjusted_negative_share")).isBetween(
          (double) r.getAs("adjusted_negative_share_low"), (double) r.getAs("adjusted_negative_share_high"));
      long m = r.getAs("mention_sentences");
      assertThat(m).isLessThanOrEqualTo((long) r.getAs("sentences"));
      assertThat((long) r.getAs("mention_positive") + (long) r.getAs("mention_neutral")
          + (long) r.getAs("mention_negative")).isEqualTo(m);
      if (String.valueOf((Object) r.getAs("dt")).equals("2026-11-19")) {
        assertThat((Object) r.getAs("posts_prev")).as("no day before the data").isNull();
      }
    }
    // CUDA on Hacker News both days: the change is against the 19th's row.
    Row cuda19 = daily.filter("topic = 'CUDA' AND source = 'hackernews' AND dt = '2026-11-19'").first();
    Row cuda20 = daily.filter("topic = 'CUDA' AND source = 'hackernews' AND dt = '2026-11-20'").first();
    assertThat((long) cuda20.getAs("posts_prev")).isEqualTo((long) cuda19.getAs("posts"));
    assertThat((long) cuda20.getAs("posts_change")).isEqualTo((long) cuda20.getAs("posts") - (long) cuda19.getAs("posts"));
    // The forum thread: one direct ROCm post, two replies that inherit ROCm without naming it.
    Row forum = daily.filter("topic = 'ROCm' AND source = 'forum'").first();
    assertThat((long) forum.getAs("posts")).isEqualTo(3);
    assertThat((long) forum.getAs("posts_direct")).isEqualTo(1);
    assertThat((long) forum.getAs("mention_sentences")).as("only the title names ROCm").isEqualTo(1);
  }

  @Test
  @Order(6)
  void topicEntitiesGroupByCanonicalNamesWithSentimentTheRightWay() {
    Dataset<Row> entities = table("topic_entities");
    assertThat(Arrays.asList(entities.columns())).containsExactlyElementsOf(
        java.util.stream.Stream.concat(io.moatwatch.output.TopicEntities.COLUMNS.stream().filter(c -> !c.equals("dt")),
            java.util.stream.Stream.of("run_id", "dt")).toList());
    Map<String, Row> rocm20 = entities.filter("topic = 'ROCm' AND dt = '2026-11-20'").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("entity"), r -> r));
    // "Team Red" and "AMD" are one entity; "Team Green" is NVIDIA; "geohot" is George Hotz.
    assertThat(rocm20).containsKeys("AMD", "NVIDIA", "George Hotz", "Jensen Huang", "MI300X", "H100");
    assertThat(rocm20).doesNotContainKeys("Team Red", "Team Green", "geohot");
    assertThat((String) rocm20.get("MI300X").getAs("type")).isEqualTo("HARDWARE");
    assertThat((boolean) rocm20.get("MI300X").getAs("belongs_to_topic")).isTrue();
    assertThat((boolean) rocm20.get("NVIDIA").getAs("belongs_to_topic")).isFalse();
    // "Team Green's greed is disgusting." / "Team Red did a wonderful job ..."
    assertThat((double) rocm20.get("NVIDIA").getAs("mean_score")).isLessThan(-0.15);
    assertThat((long) rocm20.get("NVIDIA").getAs("negative")).isEqualTo(1);
    assertThat((String) rocm20.get("NVIDIA").getAs("example_negative")).isEqualTo("Team Green's greed is disgusting.");
    // "Team Red's MI300X is finally worth it on ROCm 7" leans positive (score 0.34, the label model's most likely
    // class still neutral); "I moved our inference cluster from H100s to MI300X last month." and the benchmark
    // tweet are factual (CoreNLP called the first positive). None is negative.
    assertThat((double) rocm20.get("MI300X").getAs("mean_score")).isGreaterThan(0.05);
    assertThat((long) rocm20.get("MI300X").getAs("negative")).isZero();
    assertThat((long) rocm20.get("MI300X").getAs("positive") + (long) rocm20.get("MI300X").getAs("neutral"))
        .isEqualTo((long) rocm20.get("MI300X").getAs("sentences"));
    assertThat((double) rocm20.get("George Hotz").getAs("mean_score")).isLessThan(0);
    assertThat((long) rocm20.get("AMD").getAs("mentions")).isGreaterThanOrEqualTo(3);
    // "hip hop" and "barracuda" in a CUDA post are neither HIP nor CUDA.
    List<Row> cudaForum = table("posts").filter("post_id = 'forum:f4'").collectAsList();
    assertThat(cudaForum.get(0).<scala.collection.Seq<String>>getAs("topics").mkString(",")).isEqualTo("CUDA");
    assertThat(entities.filter("entity = 'HIP' AND dt = '2026-11-20' AND topic = 'CUDA'").count()).isZero();
    assertThat(table("posts").filter("post_id = 'forum:f5'").count()).as("'my hip hurts' is off-topic").isZero();
  }

  @Test
  @Order(6)
  void threadsSummariseEachThreadsDay() {
    Dataset<Row> threads = table("threads");
    assertThat(Arrays.asList(threads.columns())).containsExactlyElementsOf(
        java.util.stream.Stream.concat(io.moatwatch.output.ThreadDays.COLUMNS.stream().filter(c -> !c.equals("dt")),
            java.util.stream.Stream.of("run_id", "dt")).toList());
    Row forum = threads.filter("thread_id = 'forum:f1'").first();
    assertThat((String) forum.getAs("title")).isEqualTo("Team Red's MI300X is finally worth it on ROCm 7");
    assertThat(forum.<scala.collection.Seq<String>>getAs("topics").mkString(",")).isEqualTo("ROCm");
    assertThat((long) forum.getAs("posts")).isEqualTo(3);
    assertThat((boolean) forum.getAs("root_known")).isTrue();
    assertThat((double) forum.getAs("root_score")).isGreaterThan(0.15);
    assertThat((double) forum.getAs("mean_reply_score")).isLessThan(0);
    assertThat((double) forum.getAs("score_stddev")).isGreaterThan(0.2);
    // A thread's posts add up over its days, and each day's row counts that day's posts.
    Map<String, Long> perThread = new HashMap<>();
    for (Row r : threads.groupBy("thread_id").agg(functions.sum("posts")).collectAsList()) {
      perThread.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> postsPerThread = new HashMap<>();
    for (Row r : table("posts").groupBy("thread_id").count().collectAsList()) {
      postsPerThread.put(r.getString(0), r.getLong(1));
    }
    assertThat(perThread).isEqualTo(postsPerThread);
  }

  @Test
  @Order(7)
  void rerunningADayReplacesExactlyThatDay() throws Exception {
    long day19 = table("posts").filter(col("dt").equalTo("2026-11-19")).count();
    long day20 = table("posts").filter(col("dt").equalTo("2026-11-20")).count();
    long daily20 = table("topic_daily").filter(col("dt").equalTo("2026-11-20")).count();

    int exit = Main.execute("--input", "data", "--output", out.toString(), "--run-id", "it-second",
        "--day", "2026-11-20");
    assertThat(exit).isZero();
    spark = SPARK.session();

    JsonNode second = manifest("it-second").path("counts");
    assertThat(second.path("reconciled").asBoolean()).isTrue();
    assertThat(second.path("by_status").path("out_of_window").asLong()).isPositive();
    Dataset<Row> posts = table("posts");
    assertThat(posts.filter(col("dt").equalTo("2026-11-19")).count()).isEqualTo(day19);
    assertThat(posts.filter(col("dt").equalTo("2026-11-20")).count()).isEqualTo(day20);
    assertThat(posts.filter(col("dt").equalTo("2026-11-19")).select("run_id").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly(FIRST);
    assertThat(posts.filter(col("dt").equalTo("2026-11-20")).select("run_id").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("it-second");
    assertThat(table("topic_daily").filter(col("dt").equalTo("2026-11-20")).count()).isEqualTo(daily20);
    assertThat(posts.groupBy("post_id").count().filter(col("count").gt(1)).count()).as("duplicates").isZero();
    // The day before came from the earlier run's output, so the change is still there.
    Row cuda20 = table("topic_daily").filter("topic = 'CUDA' AND source = 'hackernews' AND dt = '2026-11-20'").first();
    assertThat((String) cuda20.getAs("run_id")).isEqualTo("it-second");
    assertThat((Object) cuda20.getAs("posts_prev")).isNotNull();
    for (String t : List.of("topic_entities", "threads")) {
      assertThat(table(t).filter(col("dt").equalTo("2026-11-19")).select("run_id").distinct().collectAsList())
          .as(t).extracting(r -> r.getString(0)).containsExactly(FIRST);
      assertThat(table(t).filter(col("dt").equalTo("2026-11-20")).select("run_id").distinct().collectAsList())
          .as(t).extracting(r -> r.getString(0)).containsExactly("it-second");
    }
    assertThat(table("threads").filter("thread_id = 'hn:46030001' AND dt = '2026-11-20'").first()
        .<String>getAs("title")).as("root written by the first run").isEqualTo("Is CUDA still Nvidia's moat in 2026?");
  }

  @Test
  @Order(8)
  void aDayWithoutPostsIsARunThatSucceedsWithEmptyTables(@TempDir Path empty) throws Exception {
    int exit = Main.execute("--input", "data", "--output", empty.toString(), "--run-id", "it-empty",
        "--day", "2026-12-25");
    assertThat(exit).isZero();
    spark = SPARK.session();
    JsonNode m = JSON.readTree(Files.readString(empty.resolve("_runs/it-empty.json")));
    assertThat(m.path("status").asText()).isEqualTo("succeeded");
    assertThat(m.path("days")).isEmpty();
    JsonNode c = m.path("counts");
    assertThat(c.path("reconciled").asBoolean()).isTrue();
    assertThat(c.path("analysed").asLong()).isZero();
    assertThat(c.path("by_status").path("out_of_window").asLong()).isPositive();
    for (String t : List.of("posts", "topic_daily", "topic_entities", "threads")) {
      try (var files = Files.walk(empty.resolve(t))) {
        assertThat(files.filter(f -> f.toString().endsWith(".parquet"))).as(t).isEmpty();
      }
    }
  }

  @Test
  @Order(9)
  void hashAuthorsLeavesNoNameInTheOutput(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("author.key"), "a test key that is long enough\n");
    Path hashed = dir.resolve("out");
    assertThat(Main.execute("--input", "data/jsonl", "--output", hashed.toString(), "--run-id", "it-hashed",
        "--hash-authors", key.toString())).isZero();
    spark = SPARK.session();
    Map<String, String> authors = spark.read().parquet(hashed.resolve("posts").toString()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("post_id"), r -> r.<String>getAs("author")));
    assertThat(authors.values()).allMatch(a -> a.matches("u_[0-9a-f]{16}"));
    assertThat(authors.get("discord:d1")).as("the same author, the same value").isEqualTo(authors.get("discord:d2"));
    assertThat(authors.get("forum:f1")).isNotEqualTo(authors.get("forum:f2"));
    List<Row> rejects = spark.read().parquet(hashed.resolve("rejects").toString()).collectAsList();
    assertThat(rejects).hasSize(1).allMatch(r -> r.getAs("excerpt") == null);
    for (String table : List.of("topic_daily", "threads")) {
      assertThat(spark.read().parquet(hashed.resolve(table).toString()).count()).as(table).isPositive();
    }
    JsonNode config = JSON.readTree(Files.readString(hashed.resolve("_runs/it-hashed.json"))).path("config");
    assertThat(config.path("hash_authors").asBoolean()).isTrue();
    assertThat(config.path("author_key_fingerprint").asText()).matches("[0-9a-f]{8}");
    String everything;
    try (var files = Files.walk(hashed)) {
      everything = files.filter(Files::isRegularFile).map(f -> {
        try {
          return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).collect(Collectors.joining());
    }
    assertThat(everything).doesNotContain("chat_chad", "rack_rat", "kernel_karen", "gpu_pundit");
  }

  /** Per post: status, score to 1e-12, label, entities and sentences, as written. */
  private static Map<String, String> postAnalyses(Path output) {
    return spark.read().parquet(output.resolve("posts").toString()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("post_id"), r -> r.getAs("status") + "|"
            + (r.getAs("sentiment_score") == null ? "-" : String.format("%.12f", (double) r.getAs("sentiment_score")))
            + "|" + r.getAs("sentiment_label") + "|" + r.getAs("entities") + "|" + r.getAs("sentences")));
  }

  @Test
  @Order(11)
  void theAnnotationCacheServesARerunWithoutCoreNlpAndIdenticalResults() throws Exception {
    // The shared run (copied with its cache) and the day's rerun (Order 7) filled the cache in `out`; a full
    // rerun finds every analysis there.
    Map<String, String> before = postAnalyses(out);
    assertThat(Main.execute("--input", "data", "--output", out.toString(), "--run-id", "it-cached")).isZero();
    spark = SPARK.session();
    JsonNode counts = manifest("it-cached").path("counts");
    assertThat(counts.path("analysed_by_corenlp").asLong()).as("CoreNLP ran on nothing").isZero();
    assertThat(counts.path("annotation_cache_hits").asLong()).isEqualTo(56);
    assertThat(manifest(FIRST).path("counts").path("analysed_by_corenlp").asLong()).isEqualTo(56);
    assertThat(postAnalyses(out)).isEqualTo(before);
    assertThat(Files.list(out.resolve("_cache/annotations")).filter(p -> p.getFileName().toString().startsWith("batch=")))
        .as("one batch, from the first run: later runs had nothing new").hasSize(1);
    // The keys Spark wrote are CacheKey.of (the documented address) of every analysed text and its code lines, by
    // CoreNLP's signature; each entry says what made its label readings: the model, and for a platform the model
    // reads through a path of its own, that path.
    String corenlp = NlpSettings.DEFAULTS.signature();
    LabelModelSpec model = LabelModelSpec.builtin();
    assertThat(manifest("it-cached").path("versions").path("pipeline").asText())
        .isEqualTo(corenlp + "/" + model.signature());
    Map<String, String> readings = spark.read().parquet(out.resolve("_cache/annotations").toString())
        .select("key", "analysis").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> AnalysisCodec.entry(r.getString(1)).labels()));
    List<Row> analysed = table("posts").filter("status = 'ok'").select("text_clean", "text_code", "source")
        .collectAsList();
    assertThat(readings).containsOnlyKeys(analysed.stream()
        .map(r -> CacheKey.of(corenlp, r.getString(0), r.getString(1))).distinct().toList());
    for (Row r : analysed) {
      assertThat(readings.get(CacheKey.of(corenlp, r.getString(0), r.getString(1)))).as(r.getString(2))
          .isEqualTo(model.readings(r.getString(2)));
    }
    assertThat(readings.values()).as("a Stack Exchange post's readings are its path's")
        .contains(model.signature() + " genre=1");

    // What is derived from an analysis is recomputed: another neutral band changes CoreNLP's labels, still from
    // the cache.
    assertThat(Main.execute("--input", "data", "--output", out.toString(), "--run-id", "it-band",
        "--neutral-band", "0.6")).isZero();
    spark = SPARK.session();
    assertThat(manifest("it-band").path("counts").path("annotation_cache_hits").asLong()).isEqualTo(56);
    Dataset<Row> posts = table("posts");
    assertThat(posts.filter("status = 'ok' AND corenlp_label <> 'neutral' AND abs(corenlp_score) < 0.6").count())
        .as("nothing inside the wider band is labelled positive or negative").isZero();
    assertThat(posts.filter("status = 'ok' AND corenlp_label = 'neutral'").count())
        .isGreaterThan(table("posts").filter("status = 'ok'").count() / 2);
  }

  /**
   * A new label model costs model calls, not CoreNLP: every cache entry gets a twin as if an older model had read
   * it (every reading negative, another signature), and every other entry loses its original. A run with the shipped
   * model takes the original where there is one and, where there is only the twin, CoreNLP's part of it while the
   * model reads the text again; those readings become entries of their own. The posts are the shared run's.
   */
  @Test
  @Order(12)
  void aNewLabelModelReadsTheCachedAnalysesAgainWithoutCoreNlp(@TempDir Path dir) throws Exception {
    SAMPLE.copyTo(dir);
    Path cache = dir.resolve("_cache/annotations");
    List<Row> originals = spark.read().parquet(cache.toString()).select("key", "analysis").collectAsList();
    List<Row> entries = new ArrayList<>();
    for (int i = 0; i < originals.size(); i++) {
      Row r = originals.get(i);
      Analysis a = AnalysisCodec.decode(r.getString(1)).withoutReadings();
      a = a.withLabels(new double[] {1, 0, 0}, a.sentences().stream().map(x -> new double[] {1, 0, 0}).toList());
      entries.add(RowFactory.create(r.getString(0), AnalysisCodec.encode(a, "labels=older@000000000000")));
      if (i % 2 == 0) {
        entries.add(r);
      }
    }
    try (Stream<Path> files = Files.walk(cache)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    StructType entry = new StructType().add("key", DataTypes.StringType).add("analysis", DataTypes.StringType);
    spark.createDataFrame(entries, entry).withColumn("batch", functions.lit("older-1")).coalesce(1).write()
        .partitionBy("batch").parquet(cache.toString());

    assertThat(Main.execute("--input", "data", "--output", dir.toString(), "--run-id", "it-new-model")).isZero();
    spark = SPARK.session();
    JsonNode run = JSON.readTree(Files.readString(dir.resolve("_runs/it-new-model.json")));
    JsonNode counts = run.path("counts");
    assertThat(counts.path("analysed_by_corenlp").asLong()).as("CoreNLP ran on nothing").isZero();
    assertThat(counts.path("annotation_cache_hits").asLong()).isEqualTo(56);
    JsonNode time = run.path("timings_s");
    assertThat(time.path("corenlp_thread").asDouble()).isZero();
    assertThat(time.path("label_model_thread").asDouble()).as("the model read 28 texts again").isPositive();
    assertThat(postAnalyses(dir)).as("the model's own readings, not the older ones")
        .isEqualTo(postAnalyses(SAMPLE.output()));
    LabelModelSpec model = LabelModelSpec.builtin();
    List<String> fresh = spark.read().parquet(cache.toString()).filter("batch <> 'older-1'").select("analysis")
        .collectAsList().stream().map(r -> AnalysisCodec.entry(r.getString(0)).labels()).toList();
    assertThat(fresh).as("read again: the texts whose only entry was the older model's, and nothing else")
        .hasSize(originals.size() / 2).allMatch(l -> l.startsWith(model.signature()));
  }

  /**
   * A run with {@code --labels corenlp} over a cache the label model filled takes CoreNLP's part of every entry: no
   * CoreNLP run, no model reading in its posts, CoreNLP's figures as the shared run's, and nothing stored again.
   */
  @Test
  @Order(13)
  void coreNlpLabelsFromACacheTheModelFilledCarryNoModelReading(@TempDir Path dir) throws Exception {
    SAMPLE.copyTo(dir);
    assertThat(Main.execute("--input", "data", "--output", dir.toString(), "--run-id", "it-corenlp",
        "--labels", "corenlp")).isZero();
    spark = SPARK.session();
    JsonNode run = JSON.readTree(Files.readString(dir.resolve("_runs/it-corenlp.json")));
    JsonNode counts = run.path("counts");
    assertThat(counts.path("analysed_by_corenlp").asLong()).as("CoreNLP ran on nothing").isZero();
    assertThat(counts.path("annotation_cache_hits").asLong()).isEqualTo(56);
    assertThat(run.path("timings_s").path("corenlp_thread").asDouble()).isZero();
    assertThat(run.path("timings_s").path("label_model_thread").asDouble()).as("no model call").isZero();
    assertThat(run.path("timings_s").has("label_model_thread")).as("but counted").isTrue();
    Dataset<Row> posts = spark.read().parquet(dir.resolve("posts").toString()).filter("status = 'ok'");
    assertThat(posts.count()).isEqualTo(56);
    for (Row r : posts.collectAsList()) {
      assertThat((String) r.getAs("sentiment_label")).as(r.<String>getAs("post_id")).isEqualTo(r.getAs("corenlp_label"));
      assertThat((Object) r.getAs("sentiment_probabilities")).as(r.<String>getAs("post_id")).isNull();
    }
    assertThat(posts.select("post_id", "corenlp_score", "corenlp_label").orderBy("post_id").collectAsList())
        .isEqualTo(spark.read().parquet(SAMPLE.output().resolve("posts").toString()).filter("status = 'ok'")
            .select("post_id", "corenlp_score", "corenlp_label").orderBy("post_id").collectAsList());
    try (Stream<Path> batches = Files.list(dir.resolve("_cache/annotations"))) {
      assertThat(batches.filter(p -> p.getFileName().toString().startsWith("batch="))).as("nothing stored again")
          .hasSize(1);
    }
  }
}
