package io.moatwatch.schema;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One forum or social post, normalised from whatever export it came from. Every reader produces this.
 *
 * <p>Ids are strings qualified by source ({@code hn:8863}, {@code reddit:t1_c2}) so that ids from different
 * platforms never collide and ids above 2^53 (Discord, X) are never rounded. {@code threadId} is the id of the
 * thread's root post (a story, submission or issue) when the export says so, otherwise null. The text is kept
 * raw, with its {@link Markup}; cleaning happens later.
 *
 * @param postId    source-qualified id, never null
 * @param source    platform: {@code hackernews}, {@code reddit}, or the {@code source} field of generic JSON lines
 * @param community subreddit, forum, repository, channel ... (null when the platform has none)
 * @param threadId  source-qualified id of the thread root, or null when unknown
 * @param parentId  source-qualified id of the post this one replies to, or null for a root
 * @param author    author name as exported (null when absent or deleted)
 * @param createdAt creation time, UTC
 * @param title     title of a root post, or null
 * @param text      body as exported (markup intact), or null
 * @param markup    markup of {@code text}
 * @param url       link to the post (or the story link for link posts), or null
 * @param score     platform score (points, upvotes), or null
 * @param deleted   the author or platform deleted it: kept for thread structure, never scored
 * @param removed   moderators removed it: kept for thread structure, never scored
 * @param kind      what the platform calls it: story, comment, submission, issue, pull_request, post, question,
 *                  answer, tweet, retweet, note, message, job, poll ...
 * @param tags      what the platform files the post under beside its community: Stack Exchange tags, a Discourse
 *                  topic's tags and {@code category:<id>} (empty when none)
 * @param threadTitle the title of the post's thread as the export names it on the post itself (an Algolia hit's
 *                  {@code story_title}, a Reddit comment's {@code link_title}, a Discourse topic's title), so that
 *                  a reply's thread context is known when the root is not in the input; null when not given
 */
public record Post(
    String postId,
    String source,
    String community,
    String threadId,
    String parentId,
    String author,
    Instant createdAt,
    String title,
    String text,
    Markup markup,
    String url,
    Long score,
    boolean deleted,
    boolean removed,
    String kind,
    List<String> tags,
    String threadTitle) {

  public Post {
    tags = tags == null ? List.of() : List.copyOf(tags);
    Objects.requireNonNull(postId, "postId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(markup, "markup");
    Objects.requireNonNull(kind, "kind");
  }

  /** A post with no tags and no thread title of its own. */
  public Post(String postId, String source, String community, String threadId, String parentId, String author,
      Instant createdAt, String title, String text, Markup markup, String url, Long score, boolean deleted,
      boolean removed, String kind) {
    this(postId, source, community, threadId, parentId, author, createdAt, title, text, markup, url, score, deleted,
        removed, kind, List.of(), null);
  }

  /** True when this post starts its thread (its id is the thread id, or it has no parent). */
  public boolean isRoot() {
    return parentId == null || postId.equals(threadId);
  }
}
