package io.moatwatch.read.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance of the readers on real exports of each platform, read in place from ../shared/samples (never
 * copied into the project: some are GPL or unlicensed; provenance in their SOURCES.md). CI always has
 * ../shared; a user's clone may not, and then these tests are skipped.
 *
 * <p>Expected counts are facts about the files, checked by hand against them: how many records each holds,
 * how many are posts, how many are not content, how many cannot be read.
 */
class SharedSamplesTest {
  private static final Path SAMPLES = Path.of("..", "shared", "samples");

  static Stream<Arguments> samples() {
    return Stream.of(
        // file, format, posts, not content, rejected
        Arguments.of("github/github_request", "github", 1, 0, 0),
        Arguments.of("github/github_issue_comments_1", "github", 1, 0, 0),
        Arguments.of("github/github_issue_2_reactions", "github", 0, 2, 0),
        Arguments.of("github/github_issue_comment_1_reactions", "github", 0, 3, 0),
        Arguments.of("discourse/discourse_topic_1148.json", "discourse", 20, 0, 0),
        Arguments.of("discourse/discourse_posts.json", "discourse", 4, 0, 0),
        Arguments.of("discourse/discourse_post.json", "discourse", 1, 0, 0),
        Arguments.of("hackernews/HackerNews_API_README_items.ndjson", "hn-item", 6, 0, 0),
        Arguments.of("hackernews/hn-comments-1000-sample.jsonl", "hn-item", 1000, 0, 0),
        Arguments.of("reddit/RC_2005-12.zst", "reddit", 1075, 0, 0),
        Arguments.of("reddit/RS_2019-10.zst", "reddit", 8271, 0, 0),
        Arguments.of("twitter/brexit.jsonl", "x", 100, 0, 0),
        Arguments.of("twitter/cashtags.jsonl", "x", 1, 0, 0),
        Arguments.of("twitter/edited.jsonl", "x", 1, 0, 0),
        Arguments.of("twitter/mentions_tweet.jsonl", "x", 1, 0, 0),
        Arguments.of("twitter/two_tweets.jsonl", "x", 1, 0, 0),
        Arguments.of("twitter/tweets.js", "x-archive", 1758, 0, 0),
        // API v1.1 search responses are not a supported format: one reject for the whole document
        Arguments.of("twitter/tweets_page_1.json", "unknown", 0, 0, 1),
        // 1,260 notes of which 75 are followers-only or direct, plus 326 boosts
        Arguments.of("mastodon/outbox.json", "mastodon", 1185, 401, 0),
        Arguments.of("mastodon/actor.json", "mastodon", 0, 1, 0),
        Arguments.of("discord/Example guild - Text Channels - chill talk [1012224565567125544].json", "discord", 6, 0, 0),
        // re-exported after a message was deleted: it is simply absent, a reply now points at a missing id
        Arguments.of("discord/Example guild - Text Channels - chill talk [1012224565567125544] without deleted message.json",
            "discord", 5, 0, 0),
        // 31 messages plus 3 GuildMemberJoin and 1 ThreadCreated system messages
        Arguments.of("discord/Example guild - Text Channels - general [1012224565567721552].json", "discord", 31, 4, 0),
        Arguments.of("discord/Example guild - general - Thomas is Thomas [1060927310439657577].json", "discord", 5, 0, 0),
        // two messages share an id: both are read here; the job keeps one (duplicate)
        Arguments.of("discord/SV_5A_5M.json", "discord", 5, 0, 0),
        // 592 rows: questions and answers, plus 40 tag wikis, excerpts and other post types (old tag format)
        Arguments.of("stackexchange/coffee.stackexchange.com/Posts.xml", "stackexchange", 552, 40, 0),
        // 624 rows, new |tag| format and ContentLicense
        Arguments.of("stackexchange/datascience.meta.stackexchange.com/Posts.xml", "stackexchange", 598, 26, 0),
        // the Stack Exchange API (not the dump) is not a supported format
        Arguments.of("stackexchange/stackexchange_question_page", "unknown", 0, 0, 1),
        // 2 issues + 2 pull requests (one sharing its uuid with issue #1) + 4 comments + 1 more PR; 3 repository items
        Arguments.of("perceval/github.json", "perceval", 9, 3, 0),
        // 3 topics with all their posts: 8 + 2 + 22
        Arguments.of("perceval/discourse.json", "perceval", 32, 0, 0),
        // 3 API questions with their answers and comments
        Arguments.of("perceval/stackexchange.json", "perceval", 9, 0, 0),
        Arguments.of("perceval/twitter.json", "perceval", 5, 0, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyRecordIsAccountedFor(String file, String format, int posts, int notContent, int rejected)
      throws Exception {
    Path path = SAMPLES.resolve(file);
    assumeTrue(Files.isRegularFile(path), "../shared/samples is not beside this checkout");
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Integer> formats = new HashMap<>();
    try (InputStream in = Files.newInputStream(path);
        var outcomes = new ExportReader("auto").read(in, path.toString())) {
      outcomes.forEachRemaining(o -> {
        counts.merge(o.getClass().getSimpleName(), 1, Integer::sum);
        formats.merge(o.format(), 1, Integer::sum);
      });
    }
    assertThat(counts.getOrDefault("Parsed", 0)).as("posts").isEqualTo(posts);
    assertThat(counts.getOrDefault("Skipped", 0)).as("not content").isEqualTo(notContent);
    assertThat(counts.getOrDefault("Rejected", 0)).as("rejected").isEqualTo(rejected);
    assertThat(formats.keySet()).containsExactly(format);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void forcingTheDetectedFormatGivesTheSameResult(String file, String format, int posts, int notContent,
      int rejected) throws Exception {
    Path path = SAMPLES.resolve(file);
    assumeTrue(Files.isRegularFile(path), "../shared/samples is not beside this checkout");
    assumeTrue(!format.equals("unknown"), "no format to force");
    int parsed = 0;
    try (InputStream in = Files.newInputStream(path);
        var outcomes = new ExportReader(format).read(in, path.toString())) {
      while (outcomes.hasNext()) {
        if (outcomes.next() instanceof ReadOutcome.Parsed) {
          parsed++;
        }
      }
    }
    assertThat(parsed).isEqualTo(posts);
  }
}
