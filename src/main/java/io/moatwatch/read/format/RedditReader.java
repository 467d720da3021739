package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.util.List;

/**
 * Reddit comments and submissions as Pushshift and Arctic Shift dump them (one JSON object per line, plain or
 * in {@code .zst} files compressed with a 2 GiB window). Comments carry {@code body}, {@code link_id}
 * ({@code t3_...}, the submission) and {@code parent_id} ({@code t1_...} or {@code t3_...}); submissions carry
 * {@code title}, {@code selftext} and {@code url}. Ids are qualified with their kind: {@code reddit:t1_abc}
 * for a comment, {@code reddit:t3_xyz} for a submission, so that parent ids resolve directly.
 *
 * <p>{@code [deleted]} bodies or a {@code removed_by_category} mark a deleted post; {@code [removed]} marks a
 * moderator removal. Text is Markdown with {@code & < >} HTML-escaped.
 */
public final class RedditReader implements PostReader {
  private static final String SOURCE = "reddit";

  @Override
  public String format() {
    return "reddit";
  }

  @Override
  public boolean recognises(JsonNode value) {
    return Json.has(value, "id", "subreddit", "created_utc") && (value.has("body") || value.has("title"));
  }

  @Override
  public Post toPost(JsonNode r) throws BadRecordException {
    String id = Json.required(r, "id");
    boolean comment = r.has("body");
    var created = Timestamps.parse(r.get("created_utc"), "created_utc");
    String text = comment ? Json.text(r, "body") : Json.text(r, "selftext");
    String category = Json.text(r, "removed_by_category");
    boolean deleted = "[deleted]".equals(text) || "deleted".equals(category);
    boolean removed = !deleted && ("[removed]".equals(text) || category != null);
    if (deleted || removed) {
      text = null;
    }
    String author = Json.text(r, "author");
    if ("[deleted]".equals(author)) {
      author = null;
    }
    String permalink = Json.text(r, "permalink");
    String url = permalink != null ? "https://www.reddit.com" + permalink : Json.text(r, "url");
    String postId;
    String threadId;
    String parentId;
    if (comment) {
      postId = qualify("t1_", id);
      threadId = fullname(Json.text(r, "link_id"), "t3_");
      parentId = fullname(Json.text(r, "parent_id"), "t3_");
      if (threadId == null) {
        throw new BadRecordException("comment without 'link_id'");
      }
    } else {
      postId = qualify("t3_", id);
      threadId = postId;
      parentId = null;
    }
    return new Post(
        postId,
        SOURCE,
        Json.text(r, "subreddit"),
        threadId,
        parentId,
        author,
        created,
        comment ? null : Json.text(r, "title"),
        text,
        Markup.MARKDOWN,
        url,
        Json.longValue(r, "score"),
        deleted,
        removed,
        comment ? "comment" : "submission",
        List.of(),
        comment ? Json.text(r, "link_title") : null);
  }

  private static String qualify(String kind, String id) {
    return SOURCE + ":" + (id.startsWith(kind) ? id : kind + id);
  }

  /** Old dumps sometimes give bare ids where fullnames are expected; assume the given kind then. */
  private static String fullname(String value, String defaultKind) {
    if (value == null) {
      return null;
    }
    return SOURCE + ":" + (value.matches("t\\d_.*") ? value : defaultKind + value);
  }
}
