package io.moatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.SharedRun;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Conformance of the whole job on real exports of every platform, read in place from ../shared/samples
 * (never copied into the project: some are GPL or unlicensed; provenance in its SOURCES.md): the test JVM's
 * shared run of them ({@link SharedRun#sharedSamples}). CI always has ../shared; a clone without it skips this
 * test.
 *
 * <p>These exports are not about GPU stacks, so the run uses test topics (uBlock, Brexit, Dropbox) that make
 * the NLP stage score real-world text too. Per file: read = analysed + skipped + rejected, with the counts
 * below. The X API v1.1 search page, the Stack Exchange API page and the X archive's README are formats
 * moatwatch does not read (yet): each is one reject, not a failure.
 */
@Order(Cost.JOB)
class SharedSamplesRunIT {
  @RegisterExtension
  static final SharedRun SAMPLES = SharedRun.sharedSamples();
  private static JsonNode manifest;

  record Expected(String file, String format, long read, long analysed, long skipped, long rejected) {}

  private static Expected row(String file, String format, long read, long analysed, long skipped, long rejected) {
    return new Expected(file, format, read, analysed, skipped, rejected);
  }

  private static final List<Expected> EXPECTED = List.of(
        row("discord/Example guild - Text Channels - chill talk [1012224565567125544] without deleted message.json", "discord", 5, 0, 5, 0),
        row("discord/Example guild - Text Channels - chill talk [1012224565567125544].json", "discord", 6, 0, 6, 0),
        row("discord/Example guild - Text Channels - general [1012224565567721552].json", "discord", 35, 0, 35, 0),
        row("discord/Example guild - general - Thomas is Thomas [1060927310439657577].json", "discord", 5, 0, 5, 0),
        row("discord/SV_5A_5M.json", "discord", 5, 0, 5, 0),
        row("discourse/discourse_post.json", "discourse", 1, 0, 1, 0),
        row("discourse/discourse_posts.json", "discourse", 4, 0, 4, 0),
        row("discourse/discourse_topic_1148.json", "discourse", 20, 0, 20, 0),
        row("github/github_issue_2_reactions", "github", 2, 0, 2, 0),
        row("github/github_issue_comment_1_reactions", "github", 3, 0, 3, 0),
        row("github/github_issue_comments_1", "github", 1, 0, 1, 0),
        row("github/github_request", "github", 1, 0, 1, 0),
        row("hackernews/HackerNews_API_README_items.ndjson", "hn-item", 6, 1, 5, 0),
        row("hackernews/hn-comments-1000-sample.jsonl", "hn-item", 1000, 1, 999, 0),
        row("mastodon/actor.json", "mastodon", 1, 0, 1, 0),
        row("mastodon/outbox.json", "mastodon", 1586, 0, 1586, 0),
        row("perceval/discourse.json", "perceval", 32, 22, 10, 0),
        row("perceval/github.json", "perceval", 12, 0, 12, 0),
        row("perceval/stackexchange.json", "perceval", 9, 0, 9, 0),
        row("perceval/twitter.json", "perceval", 5, 0, 5, 0),
        row("reddit/RC_2005-12.zst", "reddit", 1075, 0, 1075, 0),
        row("reddit/RS_2019-10.zst", "reddit", 8271, 0, 8271, 0),
        row("stackexchange/coffee.stackexchange.com/Posts.xml", "stackexchange", 592, 0, 592, 0),
        // question 2635 names Brexit only in a quote (topics are found in quotes too); its answer inherits it
        row("stackexchange/datascience.meta.stackexchange.com/Posts.xml", "stackexchange", 624, 7, 617, 0),
        row("stackexchange/stackexchange_question_page", "unknown", 1, 0, 0, 1),
        row("twitter/README.txt", "unknown", 1, 0, 0, 1),
        // one of the 100 Brexit tweets is in Spanish ("¿Sabias que desde el 1/10 cambian las reglas ..."): not_english
        // seven tweets in German, Spanish and Irish are not_english (OpenNLP's detector; the old word lists found one)
        row("twitter/brexit.jsonl", "x", 100, 93, 7, 0),
        row("twitter/cashtags.jsonl", "x", 1, 0, 1, 0),
        row("twitter/edited.jsonl", "x", 1, 0, 1, 0),
        row("twitter/mentions_tweet.jsonl", "x", 1, 0, 1, 0),
        row("twitter/tweets.js", "x-archive", 1758, 0, 1758, 0),
        row("twitter/tweets_page_1.json", "unknown", 1, 0, 0, 1),
        row("twitter/two_tweets.jsonl", "x", 1, 0, 1, 0));

  @BeforeAll
  static void run() {
    manifest = SAMPLES.manifest(); // skips the class where ../shared/samples is absent
  }

  @Test
  void everyFileIsAccountedForAsExpected() {
    Map<String, JsonNode> byFile = new HashMap<>();
    for (JsonNode f : manifest.path("inputs")) {
      String file = f.path("file").asText();
      byFile.put(file.substring(file.indexOf("/samples/") + "/samples/".length()), f);
    }
    assertThat(byFile.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.stream().map(Expected::file).toList());
    for (Expected e : EXPECTED) {
      JsonNode f = byFile.get(e.file());
      assertThat(f.path("format").asText()).as(e.file()).isEqualTo(e.format());
      assertThat(List.of(f.path("read").asLong(), f.path("analysed").asLong(), f.path("skipped").asLong(),
          f.path("rejected").asLong())).as(e.file() + " read, analysed, skipped, rejected")
          .containsExactly(e.read(), e.analysed(), e.skipped(), e.rejected());
    }
  }

  @Test
  void theRunReconcilesAndOverlappingExportsAreKeptOnce() {
    JsonNode c = manifest.path("counts");
    assertThat(c.path("reconciled").asBoolean()).isTrue();
    assertThat(c.path("read").asLong()).isEqualTo(EXPECTED.stream().mapToLong(Expected::read).sum());
    // Overlapping exports of the same posts are kept once: the two "chill talk" exports share 5 messages,
    // SV_5A_5M.json repeats an id, and perceval/ holds again posts that discourse/ and github/ hold (Discourse
    // topic 1148, GitHub issue #1 with its comment, fetched as issue and as pull request).
    assertThat(c.path("by_status").path("duplicate").asLong()).isEqualTo(39);
    assertThat(c.path("skip_reasons").path("not_content: mastodon boost (Announce), not the account's own words")
        .asLong()).isEqualTo(326);
  }
}
