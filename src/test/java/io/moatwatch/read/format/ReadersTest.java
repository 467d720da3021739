package io.moatwatch.read.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
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
    assertThatThrownBy(() -> Formats.byName("rtf"))
        .hasMessage("unknown format 'rtf' (expected one of " + String.join(", ", Formats.names()) + ")");
    assertThat(Formats.names()).startsWith("auto").contains("hn-algolia", "hn-item", "reddit", "github", "discourse",
        "x", "x-archive", "mastodon", "discord", "stackexchange", "csv", "perceval", "jsonl");
  }

  @Test
  void discourseRepliesPointAtTheirPostNumberWithinTheTopic() throws Exception {
    var reader = new DiscourseReader();
    JsonNode topic = json("""
        {"id": 1148, "title": "ROCm on Linux", "post_stream": {"posts": [
          {"id": 1, "topic_id": 1148, "post_number": 1, "post_type": 1, "username": "a",
           "created_at": "2016-01-26T20:07:49.559Z", "cooked": "<p>First</p>", "reply_to_post_number": null},
          {"id": 2, "topic_id": 1148, "post_number": 5, "post_type": 1, "username": "b",
           "created_at": "2016-01-27T20:07:49Z", "cooked": "<p>Reply</p>", "reply_to_post_number": 3,
           "hidden": true},
          {"id": 3, "topic_id": 1148, "post_number": 6, "post_type": 3, "username": "system",
           "created_at": "2016-01-28T20:07:49Z", "cooked": "closed the topic"}]}}""");
    assertThat(reader.recognises(topic)).isTrue();
    var records = reader.records(topic);
    Post first = reader.toPost(records.get(0));
    Post reply = reader.toPost(records.get(1));
    assertThat(first.postId()).isEqualTo("discourse:1148#1");
    assertThat(first.title()).isEqualTo("ROCm on Linux");
    assertThat(first.isRoot()).isTrue();
    assertThat(reply.parentId()).isEqualTo("discourse:1148#3");
    assertThat(reply.threadId()).isEqualTo("discourse:1148#1");
    assertThat(reply.removed()).isTrue();
    assertThatThrownBy(() -> reader.toPost(records.get(2)))
        .isInstanceOf(NotContentException.class).hasMessage("discourse post_type 3 (not a regular post)");
  }

  @Test
  void discourseSinglePostPrefersRawMarkdown() throws Exception {
    Post p = new DiscourseReader().toPost(json("""
        {"id": 9, "topic_id": 840, "post_number": 2, "post_type": 1, "username": "c",
         "created_at": "2015-07-28T14:49:13.558Z", "raw": "**bold**", "cooked": "<p><b>bold</b></p>",
         "user_deleted": true}"""));
    assertThat(p.markup()).isEqualTo(Markup.MARKDOWN);
    assertThat(p.text()).isEqualTo("**bold**");
    assertThat(p.parentId()).isEqualTo("discourse:840#1");
    assertThat(p.deleted()).isTrue();
  }

  @Test
  void gitHubRestIssueAndCommentFormOneThread() throws Exception {
    var reader = new GitHubReader();
    Post issue = reader.toPost(json("""
        {"number": 77, "title": "rocBLAS hangs", "body": "It hangs.", "user": {"login": "ben"},
         "created_at": "2026-11-20T06:20:00Z", "html_url": "https://github.com/ROCm/ROCm/issues/77",
         "reactions": {"total_count": 4}}"""));
    Post comment = reader.toPost(json("""
        {"id": 345, "body": "Fixed.", "user": null, "created_at": "2026-11-20T08:05:00Z",
         "issue_url": "https://api.github.com/repos/ROCm/ROCm/issues/77",
         "html_url": "https://github.com/ROCm/ROCm/issues/77#issuecomment-345"}"""));
    assertThat(issue.postId()).isEqualTo("github:ROCm/ROCm#77");
    assertThat(issue.community()).isEqualTo("ROCm/ROCm");
    assertThat(issue.score()).isEqualTo(4L);
    assertThat(comment.postId()).isEqualTo("github:ROCm/ROCm#77/c345");
    assertThat(comment.parentId()).isEqualTo(issue.postId());
    assertThat(comment.threadId()).isEqualTo(issue.postId());
    assertThat(comment.author()).isNull();
    assertThat(issue.kind()).isEqualTo("issue");
    assertThat(comment.kind()).isEqualTo("comment");
    Post pr = reader.toPost(json("""
        {"number": 78, "title": "Fix rocBLAS hang", "body": "x", "user": {"login": "amd"},
         "created_at": "2026-11-20T07:00:00Z", "html_url": "https://github.com/ROCm/ROCm/pull/78",
         "pull_request": {"url": "https://api.github.com/repos/ROCm/ROCm/pulls/78"}}"""));
    assertThat(pr.kind()).isEqualTo("pull_request");
    assertThat(pr.postId()).isEqualTo("github:ROCm/ROCm#78");
  }

  @Test
  void gitHubCliIssuesCarryTheirComments() throws Exception {
    var reader = new GitHubReader();
    JsonNode issue = json("""
        {"number": 5, "title": "CUDA 13 build", "body": "fails", "author": {"login": "x"},
         "createdAt": "2026-11-19T10:00:00Z", "url": "https://github.com/o/r/issues/5",
         "comments": [{"id": "IC_1", "author": {"login": "y"}, "body": "same here",
                       "createdAt": "2026-11-19T11:00:00Z", "url": "https://github.com/o/r/issues/5#issuecomment-1"}]}""");
    assertThat(reader.recognises(issue)).isTrue();
    var records = reader.records(issue);
    assertThat(records).hasSize(2);
    Post c = reader.toPost(records.get(1));
    assertThat(c.postId()).isEqualTo("github:o/r#5/cIC_1");
    assertThat(c.author()).isEqualTo("y");
    assertThat(c.parentId()).isEqualTo("github:o/r#5");
  }

  @Test
  void gitHubReactionsAreNotContent() throws Exception {
    JsonNode reaction = json("{\"id\": 3, \"user\": null, \"content\": \"heart\", \"created_at\": \"2021-08-03T10:46:13Z\"}");
    assertThat(new GitHubReader().recognises(reaction)).isTrue();
    assertThatThrownBy(() -> new GitHubReader().toPost(reaction))
        .isInstanceOf(NotContentException.class).hasMessage("github reaction (heart), not a post");
  }

  @Test
  void xPagesGiveAuthorsAndFullRetweetText() throws Exception {
    var reader = new XReader();
    JsonNode page = json("""
        {"data": [
          {"id": "1900000000000000001", "text": "RT @amdfan: ROCm 7.1 is out and it is gre…", "author_id": "1",
           "created_at": "2026-11-20T10:00:00.000Z", "conversation_id": "1900000000000000001",
           "referenced_tweets": [{"type": "retweeted", "id": "1800000000000000000"}],
           "public_metrics": {"like_count": 3}},
          {"id": "1900000000000000002", "text": "@amdfan agreed &amp; thanks", "author_id": "2",
           "created_at": "2026-11-20T11:00:00.000Z", "conversation_id": "1800000000000000000",
           "referenced_tweets": [{"type": "replied_to", "id": "1800000000000000000"}]}],
         "includes": {"users": [{"id": "1", "username": "fan1"}, {"id": "2", "username": "fan2"},
                                {"id": "9", "username": "amdfan"}],
                      "tweets": [{"id": "1800000000000000000", "author_id": "9",
                                  "text": "ROCm 7.1 is out and it is great on my card"}]}}""");
    assertThat(reader.recognises(page)).isTrue();
    var records = reader.records(page);
    Post retweet = reader.toPost(records.get(0));
    Post reply = reader.toPost(records.get(1));
    assertThat(retweet.postId()).isEqualTo("x:1900000000000000001");
    assertThat(retweet.author()).isEqualTo("fan1");
    assertThat(retweet.text()).isEqualTo("RT @amdfan: ROCm 7.1 is out and it is great on my card");
    assertThat(retweet.score()).isEqualTo(3L);
    assertThat(reply.parentId()).isEqualTo("x:1800000000000000000");
    assertThat(reply.threadId()).isEqualTo("x:1800000000000000000");
    assertThat(reply.text()).isEqualTo("@amdfan agreed & thanks");
  }

  @Test
  void xArchiveTweetsUseTheClassicDateFormat() throws Exception {
    Post p = new XArchiveReader().toPost(json("""
        {"tweet": {"id_str": "1582825767519809536", "full_text": "CUDA &amp; friends",
         "created_at": "Wed Oct 19 20:07:25 +0000 2022", "in_reply_to_status_id_str": "1582702502297755653",
         "favorite_count": "4"}}"""));
    assertThat(p.createdAt()).isEqualTo(Instant.parse("2022-10-19T20:07:25Z"));
    assertThat(p.parentId()).isEqualTo("x:1582702502297755653");
    assertThat(p.text()).isEqualTo("CUDA & friends");
    assertThat(p.score()).isEqualTo(4L);
  }

  @Test
  void mastodonKeepsPublicNotesOnly() throws Exception {
    var reader = new MastodonReader();
    String pub = "\"to\": [\"https://www.w3.org/ns/activitystreams#Public\"]";
    Post note = reader.toPost(json("{\"type\": \"Create\", \"published\": \"2022-11-08T03:07:14Z\", \"object\": {"
        + "\"id\": \"https://indieweb.social/users/dw/statuses/109\", \"type\": \"Note\", " + pub + ","
        + "\"inReplyTo\": \"https://mastodon.social/users/s0/statuses/77\", \"published\": \"2022-11-08T03:07:14Z\","
        + "\"attributedTo\": \"https://indieweb.social/users/dw\", \"content\": \"<p>ROCm!</p>\"}}"));
    assertThat(note.postId()).isEqualTo("mastodon:indieweb.social/109");
    assertThat(note.parentId()).isEqualTo("mastodon:mastodon.social/77");
    assertThat(note.author()).isEqualTo("dw@indieweb.social");
    assertThatThrownBy(() -> reader.toPost(json("{\"type\": \"Create\", \"object\": {\"id\": \"https://a.b/s/1\","
        + "\"to\": [\"https://a.b/users/dw/followers\"], \"published\": \"2022-11-08T03:07:14Z\"}}")))
        .isInstanceOf(NotContentException.class).hasMessageContaining("not addressed to the public");
    assertThatThrownBy(() -> reader.toPost(json("{\"type\": \"Announce\", \"object\": \"https://a.b/s/1\"}")))
        .isInstanceOf(NotContentException.class).hasMessageContaining("boost");
  }

  @Test
  void percevalItemsAreUnwrappedPerBackendWithTheirVersion() throws Exception {
    var reader = new PercevalReader();
    JsonNode item = json("""
        {"backend_name": "GitHub", "category": "issue", "uuid": "u1", "updated_on": 1763629200.0,
         "data": {"number": 7, "title": "ROCm", "body": "b", "user": {"login": "a"}, "created_at": "2026-11-20T06:00:00Z",
                  "html_url": "https://github.com/o/r/issues/7",
                  "comments_data": [{"id": 1, "body": "c", "user": {"login": "b"}, "created_at": "2026-11-20T07:00:00Z",
                                     "issue_url": "https://api.github.com/repos/o/r/issues/7",
                                     "html_url": "https://github.com/o/r/issues/7#issuecomment-1"}]}}""");
    assertThat(reader.recognises(item)).isTrue();
    var records = reader.records(item);
    assertThat(records).hasSize(2);
    assertThat(records.get(1).path("@version").asDouble()).isEqualTo(1763629200.0);
    assertThat(reader.toPost(records.get(1)).parentId()).isEqualTo("github:o/r#7");
    JsonNode repo = json("{\"backend_name\": \"GitHub\", \"category\": \"repository\", \"uuid\": \"u2\","
        + " \"data\": {\"forks_count\": 1}}");
    assertThatThrownBy(() -> reader.toPost(reader.records(repo).get(0))).isInstanceOf(NotContentException.class);
    JsonNode other = json("{\"backend_name\": \"Jira\", \"uuid\": \"u3\", \"data\": {\"key\": \"X-1\"}}");
    assertThatThrownBy(() -> reader.toPost(reader.records(other).get(0)))
        .hasMessage("unsupported Perceval backend 'Jira'");
  }

  @Test
  void repliesCarryTheThreadTitleTheirExportGives() throws Exception {
    Post hit = new HackerNewsAlgoliaReader().toPost(json("""
        {"objectID": "201", "_tags": ["comment"], "author": "b", "created_at_i": 1763539600,
         "comment_text": "Same here.", "story_id": 200, "parent_id": 200,
         "story_title": "tinygrad 0.10 released"}"""));
    assertThat(hit.threadTitle()).isEqualTo("tinygrad 0.10 released");
    Post reddit = new RedditReader().toPost(json("""
        {"id": "k09", "link_id": "t3_abc", "parent_id": "t3_abc", "subreddit": "LocalLLaMA", "author": "g",
         "created_utc": "1763561400", "body": "it works now", "link_title": "ROCm 7.1 on a 9070 XT"}"""));
    assertThat(reddit.threadTitle()).isEqualTo("ROCm 7.1 on a 9070 XT");
    var discourse = new DiscourseReader();
    var records = discourse.records(json("""
        {"id": 7, "title": "CUDA 13 and old cards", "category_id": 12, "tags": ["cuda", {"name": "drivers"}],
         "post_stream": {"posts": [
          {"id": 1, "topic_id": 7, "post_number": 1, "post_type": 1, "username": "a",
           "created_at": "2026-01-26T20:07:49Z", "cooked": "<p>First</p>"},
          {"id": 2, "topic_id": 7, "post_number": 2, "post_type": 1, "username": "b",
           "created_at": "2026-01-27T20:07:49Z", "cooked": "<p>Reply</p>"}]}}"""));
    Post root = discourse.toPost(records.get(0));
    Post reply = discourse.toPost(records.get(1));
    assertThat(root.threadTitle()).isNull(); // the root has the title itself
    assertThat(reply.threadTitle()).isEqualTo("CUDA 13 and old cards");
    assertThat(reply.tags()).containsExactly("cuda", "drivers", "category:12");
    var gh = new GitHubReader();
    var issue = gh.records(json("""
        {"number": 5, "title": "HIP build fails", "url": "https://github.com/someone/thing/issues/5",
         "createdAt": "2026-01-01T00:00:00Z", "author": {"login": "a"}, "body": "x",
         "comments": [{"id": "c1", "author": {"login": "b"}, "body": "me too", "createdAt": "2026-01-02T00:00:00Z"}]}"""));
    assertThat(gh.toPost(issue.get(1)).threadTitle()).isEqualTo("HIP build fails");
  }

  @Test
  void stackExchangeAndJsonLinesTagsAreKept() throws Exception {
    Post q = new StackExchangeReader().toPost(json("""
        {"Id": "9", "PostTypeId": "1", "CreationDate": "2026-01-01T00:00:00.000", "Title": "Slow kernel",
         "Tags": "<cuda><performance>", "Body": "<p>Why?</p>", "@site": "stackoverflow.com"}"""));
    assertThat(q.tags()).containsExactly("cuda", "performance");
    Post j = new GenericJsonReader().toPost(json("""
        {"id": "1", "source": "forum", "created_at": "2026-11-19T19:10:00Z", "text": "hi",
         "tags": ["rocm"], "thread_title": "ROCm on Fedora"}"""));
    assertThat(j.tags()).containsExactly("rocm");
    assertThat(j.threadTitle()).isEqualTo("ROCm on Fedora");
    assertThatThrownBy(() -> new GenericJsonReader().toPost(json("""
        {"id": "1", "source": "forum", "created_at": "2026-11-19T19:10:00Z", "text": "hi", "tags": "rocm"}""")))
        .hasMessage("'tags' is not an array of strings");
  }
}
