package io.moatwatch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on the bundled sample exports in data/, on a real local Spark session with the real CoreNLP
 * models, asserting on the Parquet it writes. The expected counts are facts about data/: 69 records, of which
 * one malformed Reddit line and one unreadable timestamp are rejected (see data/README.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleRunIT {
  @TempDir
  static Path out;
  private static SparkSession spark;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void runJob() {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
    int exit = Main.execute("--input", "data", "--output", out.toString(), "--run-id", "it-first");
    assertThat(exit).isZero();
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    System.clearProperty("spark.master");
    System.clearProperty("spark.ui.enabled");
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
    JsonNode m = manifest("it-first");
    assertThat(m.path("status").asText()).isEqualTo("succeeded");
    JsonNode c = m.path("counts");
    assertThat(c.path("read").asLong()).isEqualTo(69);
    assertThat(c.path("analysed").asLong()).isEqualTo(53);
    assertThat(c.path("skipped").asLong()).isEqualTo(14);
    assertThat(c.path("by_status").path("duplicate").asLong()).as("the Perceval issue fetched twice").isEqualTo(2);
    assertThat(c.path("skip_reasons").path("not_content: discourse post_type 3 (not a regular post)").asLong())
        .isEqualTo(1);
    assertThat(c.path("skip_reasons")
        .path("not_content: mastodon note not addressed to the public (followers-only or direct)").asLong())
        .isEqualTo(1);
    assertThat(c.path("rejected").asLong()).isEqualTo(2);
    assertThat(c.path("reconciled").asBoolean()).isTrue();
    long perFile = 0;
    for (JsonNode f : m.path("inputs")) {
      assertThat(f.path("read").asLong())
          .isEqualTo(f.path("analysed").asLong() + f.path("skipped").asLong() + f.path("rejected").asLong());
      perFile += f.path("read").asLong();
    }
    assertThat(perFile).isEqualTo(69);
    assertThat(m.path("inputs")).hasSize(16);
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
    // ok 53 + deleted 2 + removed 1 + empty 1; off-topic, not-content and duplicates are counted, not written
    assertThat(posts.count()).isEqualTo(57);
    assertThat(posts.filter(col("status").equalTo("ok")).count()).isEqualTo(53);
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
  @Order(7)
  void rerunningADayReplacesExactlyThatDay() throws Exception {
    long day19 = table("posts").filter(col("dt").equalTo("2026-11-19")).count();
    long day20 = table("posts").filter(col("dt").equalTo("2026-11-20")).count();
    long daily20 = table("topic_daily").filter(col("dt").equalTo("2026-11-20")).count();

    int exit = Main.execute("--input", "data", "--output", out.toString(), "--run-id", "it-second",
        "--day", "2026-11-20");
    assertThat(exit).isZero();
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();

    JsonNode second = manifest("it-second").path("counts");
    assertThat(second.path("reconciled").asBoolean()).isTrue();
    assertThat(second.path("by_status").path("out_of_window").asLong()).isPositive();
    Dataset<Row> posts = table("posts");
    assertThat(posts.filter(col("dt").equalTo("2026-11-19")).count()).isEqualTo(day19);
    assertThat(posts.filter(col("dt").equalTo("2026-11-20")).count()).isEqualTo(day20);
    assertThat(posts.filter(col("dt").equalTo("2026-11-19")).select("run_id").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("it-first");
    assertThat(posts.filter(col("dt").equalTo("2026-11-20")).select("run_id").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("it-second");
    assertThat(table("topic_daily").filter(col("dt").equalTo("2026-11-20")).count()).isEqualTo(daily20);
    assertThat(posts.groupBy("post_id").count().filter(col("count").gt(1)).count()).as("duplicates").isZero();
  }
}
