package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.util.ArrayList;
import java.util.List;

/**
 * Hacker News search results from the Algolia API ({@code hn.algolia.com/api/v1/search?...}): either whole
 * responses ({@code {"hits": [...], "nbHits": ...}}, one per line or one per file) or the hits themselves
 * one per line. A hit carries {@code objectID}, {@code _tags} ({@code story}/{@code comment}),
 * {@code story_id}, {@code parent_id}, {@code created_at_i}, {@code author}, {@code title}, {@code url},
 * {@code story_text}/{@code comment_text} (HTML) and {@code points}.
 */
public final class HackerNewsAlgoliaReader implements PostReader {
  static final String SOURCE = "hackernews";

  @Override
  public String format() {
    return "hn-algolia";
  }

  @Override
  public boolean recognises(JsonNode value) {
    if (value.isObject() && value.path("hits").isArray()) {
      return true;
    }
    return Json.has(value, "objectID") && (value.has("_tags") || value.has("created_at_i"));
  }

  @Override
  public List<JsonNode> records(JsonNode value) {
    JsonNode hits = value.path("hits");
    if (!hits.isArray()) {
      return List.of(value);
    }
    List<JsonNode> out = new ArrayList<>(hits.size());
    hits.forEach(out::add);
    return out;
  }

  @Override
  public Post toPost(JsonNode r) throws BadRecordException {
    String id = Json.required(r, "objectID");
    boolean comment = hasTag(r, "comment") || Json.text(r, "comment_text") != null;
    String storyId = Json.text(r, "story_id");
    String parentId = Json.text(r, "parent_id");
    var created = r.has("created_at_i")
        ? Timestamps.parse(r.get("created_at_i"), "created_at_i")
        : Timestamps.parse(r.get("created_at"), "created_at");
    String text = comment ? Json.text(r, "comment_text") : Json.text(r, "story_text");
    String title = comment ? null : Json.text(r, "title");
    String threadId = comment ? (storyId == null ? null : storyId) : id;
    String url = Json.text(r, "url");
    if (url == null) {
      url = "https://news.ycombinator.com/item?id=" + id;
    }
    return new Post(
        HackerNewsItemReader.qualify(id),
        SOURCE,
        null,
        HackerNewsItemReader.qualify(threadId),
        comment ? HackerNewsItemReader.qualify(parentId) : null,
        Json.text(r, "author"),
        created,
        title,
        text,
        Markup.HTML,
        url,
        Json.longValue(r, "points"),
        false,
        false,
        comment ? "comment" : "story",
        List.of(),
        comment ? Json.text(r, "story_title") : null);
  }

  private static boolean hasTag(JsonNode r, String tag) {
    for (JsonNode t : r.path("_tags")) {
      if (tag.equals(t.asText())) {
        return true;
      }
    }
    return false;
  }
}
