package io.moatwatch.ingest;

import java.time.Instant;
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
    String kind) {

  public Post {
    Objects.requireNonNull(postId, "postId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(markup, "markup");
    Objects.requireNonNull(kind, "kind");
  }

  /** True when this post starts its thread (its id is the thread id, or it has no parent). */
  public boolean isRoot() {
    return parentId == null || postId.equals(threadId);
  }
}
