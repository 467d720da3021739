package io.moatwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each reader on small inline records shaped like the real exports (see data/ and ../shared/samples). */
class ReadersTest {

  private static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  @Test
  void genericJsonLinesQualifiesIdsWithTheSource() throws Exception {
    Post p = new GenericJsonReader().toPost(json("""
        {"id": "p901", "source": "discourse", "thread_id": "t900", "parent_id": "t900", "author": "max",
         "created_at": "2026-11-19T19:10:00Z", "text": "<p>hi</p>", "markup": "html", "score": "3"}"""));
    assertThat(p.postId()).isEqualTo("discourse:p901");
    assertThat(p.threadId()).isEqualTo("discourse:t900");
    assertThat(p.parentId()).isEqualTo("discourse:t900");
    assertThat(p.markup()).isEqualTo(Markup.HTML);
    assertThat(p.score()).isEqualTo(3L);
    assertThat(p.isRoot()).isFalse();
  }

  @Test
  void genericJsonLinesRejectsUnknownMarkupAndMissingText() throws Exception {
    var reader = new GenericJsonReader();
    assertThatThrownBy(() -> reader.toPost(json(
        "{\"id\":\"1\",\"source\":\"x\",\"created_at\":1,\"text\":\"t\",\"markup\":\"rtf\"}")))
        .hasMessage("unknown markup 'rtf' (expected html, markdown or plain)");
    assertThatThrownBy(() -> reader.toPost(json("{\"id\":\"1\",\"source\":\"x\",\"created_at\":1}")))
        .hasMessage("neither 'text' nor 'title' is present");
  }

  @Test
  void algoliaStoryAndCommentShareTheStoryAsThread() throws Exception {
    var reader = new HackerNewsAlgoliaReader();
    Post story = reader.toPost(json("""
        {"objectID": "100", "_tags": ["story"], "author": "a", "created_at_i": 1763539500,
         "title": "ROCm 7.1 released", "url": "https://example.com", "points": 412}"""));
    Post comment = reader.toPost(json("""
        {"objectID": "101", "_tags": ["comment"], "author": "b", "created_at_i": 1763539600,
         "comment_text": "Finally.", "story_id": 100, "parent_id": 100}"""));
    assertThat(story.postId()).isEqualTo("hn:100");
    assertThat(story.threadId()).isEqualTo("hn:100");
    assertThat(story.title()).isEqualTo("ROCm 7.1 released");
    assertThat(story.score()).isEqualTo(412L);
    assertThat(comment.threadId()).isEqualTo("hn:100");
    assertThat(comment.parentId()).isEqualTo("hn:100");
    assertThat(comment.text()).isEqualTo("Finally.");
    assertThat(comment.url()).isEqualTo("https://news.ycombinator.com/item?id=101");
  }

  @Test
  void algoliaResponseIsUnwrappedIntoHits() throws Exception {
    var reader = new HackerNewsAlgoliaReader();
    JsonNode response = json("{\"hits\": [{\"objectID\": \"1\"}, {\"objectID\": \"2\"}], \"nbHits\": 2}");
    assertThat(reader.recognises(response)).isTrue();
    assertThat(reader.records(response)).hasSize(2);
  }

  @Test
  void firebaseAndBigQueryItemsReadAlike() throws Exception {
    var reader = new HackerNewsItemReader();
    Post firebase = reader.toPost(json(
        "{\"id\": 8952, \"type\": \"comment\", \"by\": \"norvig\", \"parent\": 8863, \"time\": 1175714200,"
            + " \"text\": \"Aw shucks\", \"kids\": [9224]}"));
    Post bigquery = reader.toPost(json(
        "{\"id\": \"8952\", \"type\": \"comment\", \"by\": \"norvig\", \"parent\": \"8863\","
            + " \"time\": \"1175714200\", \"text\": \"Aw shucks\", \"score\": null, \"deleted\": null}"));
    assertThat(bigquery).isEqualTo(firebase);
    assertThat(firebase.parentId()).isEqualTo("hn:8863");
    assertThat(firebase.threadId()).as("a comment's root is reconstructed later").isNull();
    assertThat(firebase.createdAt()).isEqualTo(Instant.ofEpochSecond(1175714200));
  }

  @Test
  void bigQueryTimestampColumnIsUsedWhenTimeIsMissing() throws Exception {
    Post p = new HackerNewsItemReader().toPost(json(
        "{\"id\": \"5\", \"type\": \"story\", \"by\": \"x\", \"timestamp\": \"2022-10-01 12:00:00 UTC\", \"title\": \"t\"}"));
    assertThat(p.createdAt()).isEqualTo(Instant.parse("2022-10-01T12:00:00Z"));
    assertThat(p.threadId()).isEqualTo("hn:5");
  }

  @Test
  void hackerNewsDeadAndDeletedAreFlagged() throws Exception {
    var reader = new HackerNewsItemReader();
    assertThat(reader.toPost(json("{\"id\":1,\"type\":\"comment\",\"parent\":2,\"time\":5,\"deleted\":true}")).deleted())
        .isTrue();
    assertThat(reader.toPost(json("{\"id\":1,\"type\":\"comment\",\"parent\":2,\"time\":5,\"dead\":true}")).removed())
        .isTrue();
  }

  @Test
  void redditCommentLinksToItsSubmission() throws Exception {
    Post p = new RedditReader().toPost(json("""
        {"id": "k02", "link_id": "t3_1rocm01", "parent_id": "t1_k01", "subreddit": "LocalLLaMA",
         "author": "gary", "created_utc": "1763561400", "body": "&gt; quote\\n\\nreply", "score": 30}"""));
    assertThat(p.postId()).isEqualTo("reddit:t1_k02");
    assertThat(p.threadId()).isEqualTo("reddit:t3_1rocm01");
    assertThat(p.parentId()).isEqualTo("reddit:t1_k01");
    assertThat(p.community()).isEqualTo("LocalLLaMA");
    assertThat(p.markup()).isEqualTo(Markup.MARKDOWN);
  }

  @Test
  void redditSubmissionIsItsOwnThread() throws Exception {
    Post p = new RedditReader().toPost(json("""
        {"id": "1cuda02", "subreddit": "MachineLearning", "author": "pete", "created_utc": 1763631000,
         "title": "[D] CUDA alternatives?", "selftext": "", "permalink": "/r/ML/comments/1cuda02/x/"}"""));
    assertThat(p.postId()).isEqualTo("reddit:t3_1cuda02");
    assertThat(p.threadId()).isEqualTo(p.postId());
    assertThat(p.url()).isEqualTo("https://www.reddit.com/r/ML/comments/1cuda02/x/");
    assertThat(p.isRoot()).isTrue();
  }

  @Test
  void redditDeletedAndRemovedBodiesAreFlaggedAndBlanked() throws Exception {
    var reader = new RedditReader();
    Post deleted = reader.toPost(json(
        "{\"id\":\"a\",\"link_id\":\"t3_x\",\"parent_id\":\"t3_x\",\"subreddit\":\"s\",\"created_utc\":1,"
            + "\"author\":\"[deleted]\",\"body\":\"[deleted]\"}"));
    Post removed = reader.toPost(json(
        "{\"id\":\"b\",\"subreddit\":\"s\",\"created_utc\":1,\"title\":\"t\",\"selftext\":\"[removed]\","
            + "\"removed_by_category\":\"moderator\"}"));
    assertThat(deleted.deleted()).isTrue();
    assertThat(deleted.text()).isNull();
    assertThat(deleted.author()).isNull();
    assertThat(removed.removed()).isTrue();
    assertThat(removed.deleted()).isFalse();
  }

  @Test
  void detectionPicksTheMostSpecificFormat() throws Exception {
    assertThat(Formats.detect(json("{\"objectID\":\"1\",\"_tags\":[]}")).orElseThrow().format()).isEqualTo("hn-algolia");
    assertThat(Formats.detect(json("{\"id\":\"a\",\"subreddit\":\"s\",\"created_utc\":1,\"body\":\"b\"}"))
        .orElseThrow().format()).isEqualTo("reddit");
    assertThat(Formats.detect(json("{\"id\":1,\"by\":\"u\",\"time\":1,\"type\":\"story\"}")).orElseThrow().format())
        .isEqualTo("hn-item");
    assertThat(Formats.detect(json("{\"id\":\"1\",\"source\":\"x\",\"created_at\":1,\"text\":\"t\"}"))
        .orElseThrow().format()).isEqualTo("jsonl");
    assertThat(Formats.detect(json("{\"whatever\":1}"))).isEmpty();
  }

  @Test
  void unknownFormatNameListsTheValidOnes() {
    assertThatThrownBy(() -> Formats.byName("csv"))
        .hasMessage("unknown format 'csv' (expected one of auto, hn-algolia, reddit, hn-item, jsonl)");
  }
}
