package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.util.ArrayList;
import java.util.List;

/**
 * Discourse API JSON: a topic ({@code GET /t/{id}.json}, whose {@code post_stream.posts} holds the first
 * chunk of posts), the further chunks ({@code GET /t/{id}/posts.json?post_ids[]=...}), and single posts
 * ({@code GET /posts/{id}.json}, with {@code raw} Markdown beside {@code cooked} HTML).
 *
 * <p>Ids are {@code discourse:<topic_id>#<post_number>}, so a reply's parent
 * ({@code reply_to_post_number}) and its thread (post 1) are known without the rest of the topic, and the
 * same post read from a topic and from a chunk is one post. They are unique within one forum: read
 * different forums into different runs or use the moatwatch JSON-lines format with your own ids.
 * Only regular posts ({@code post_type} 1) are content; moderator actions, small actions and whispers are
 * skipped as {@code not_content}. {@code deleted_at}/{@code user_deleted} mark deleted posts,
 * {@code hidden} removed ones.
 */
public final class DiscourseReader implements PostReader {
  private static final String SOURCE = "discourse";
  private static final int REGULAR = 1;

  @Override
  public String format() {
    return "discourse";
  }

  @Override
  public boolean recognises(JsonNode value) {
    if (value.path("post_stream").path("posts").isArray()) {
      return true;
    }
    return Json.has(value, "id", "topic_id", "post_number", "created_at") && (value.has("cooked") || value.has("raw"));
  }

  @Override
  public List<JsonNode> records(JsonNode value) {
    JsonNode posts = value.path("post_stream").path("posts");
    if (!posts.isArray()) {
      return List.of(value);
    }
    List<JsonNode> out = new ArrayList<>(posts.size());
    String title = Json.text(value, "title");
    for (JsonNode p : posts) {
      ObjectNode copy = p.deepCopy();
      if (title != null) {
        copy.put("@topic_title", title);
      }
      if (value.has("category_id") && !copy.has("category_id")) {
        copy.set("category_id", value.get("category_id"));
      }
      if (value.path("tags").isArray()) {
        copy.set("@topic_tags", value.get("tags"));
      }
      out.add(copy);
    }
    return out;
  }

  @Override
  public Post toPost(JsonNode r) throws BadRecordException, NotContentException {
    String topic = Json.required(r, "topic_id");
    Long number = Json.longValue(r, "post_number");
    if (number == null) {
      throw new BadRecordException("missing field 'post_number'");
    }
    Long type = Json.longValue(r, "post_type");
    if (type != null && type != REGULAR) {
      throw new NotContentException("discourse post_type " + type + " (not a regular post)");
    }
    String thread = SOURCE + ":" + topic + "#1";
    Long replyTo = Json.longValue(r, "reply_to_post_number");
    String parent = number == 1 ? null : SOURCE + ":" + topic + "#" + (replyTo != null ? replyTo : 1);
    String raw = Json.text(r, "raw");
    boolean deleted = Json.text(r, "deleted_at") != null || Json.flag(r, "user_deleted");
    boolean hidden = Json.flag(r, "hidden");
    return new Post(
        SOURCE + ":" + topic + "#" + number,
        SOURCE,
        Json.text(r, "topic_slug"),
        thread,
        parent,
        Json.text(r, "username"),
        Timestamps.parse(r.get("created_at"), "created_at"),
        number == 1 ? Json.text(r, "@topic_title") : null,
        raw != null ? raw : Json.text(r, "cooked"),
        raw != null ? Markup.MARKDOWN : Markup.HTML,
        null,
        Json.longValue(r, "score"),
        deleted && !hidden,
        hidden,
        "post",
        tags(r),
        number == 1 ? null : Json.text(r, "@topic_title"));
  }

  /** The topic's tags (names, or objects with a name in newer versions) and {@code category:<id>}. */
  private static List<String> tags(JsonNode r) {
    List<String> tags = new ArrayList<>();
    for (JsonNode t : r.path("@topic_tags")) {
      String name = t.isObject() ? Json.text(t, "name") : t.asText(null);
      if (name != null && !name.isBlank()) {
        tags.add(name);
      }
    }
    String category = Json.text(r, "category_id");
    if (category != null) {
      tags.add("category:" + category);
    }
    return tags;
  }
}
