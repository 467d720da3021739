package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.parser.Parser;

/**
 * X/Twitter API v2 responses, one page per line as twarc2 and most v2 clients save them:
 * {@code {"data": [tweets], "includes": {"users": [...], "tweets": [...]}, "meta": {...}}}.
 *
 * <p>Each tweet gets its author's {@code username} from {@code includes.users}; a long post's full text from
 * {@code note_tweet.text}; a retweet's full text from the retweeted tweet in {@code includes.tweets} (the
 * retweet's own {@code text} is cut at 140 characters). Ids are strings ({@code x:1394735776701816833}:
 * they exceed 2^53); the thread is the {@code conversation_id}, the parent the {@code replied_to} reference.
 * Text is plain with {@code & < >} escaped as entities, which are undone.
 */
public final class XReader implements PostReader {
  static final String SOURCE = "x";

  @Override
  public String format() {
    return "x";
  }

  @Override
  public boolean recognises(JsonNode value) {
    JsonNode data = value.path("data");
    JsonNode first = data.isArray() && data.size() > 0 ? data.get(0) : data;
    return (value.has("includes") || value.has("meta") || value.has("__twarc"))
        && Json.has(first, "id", "text") && (first.has("author_id") || first.has("created_at"));
  }

  @Override
  public List<JsonNode> records(JsonNode page) {
    Map<String, String> users = new HashMap<>();
    for (JsonNode u : page.path("includes").path("users")) {
      users.put(Json.text(u, "id"), Json.text(u, "username"));
    }
    Map<String, JsonNode> included = new HashMap<>();
    for (JsonNode t : page.path("includes").path("tweets")) {
      included.put(Json.text(t, "id"), t);
    }
    JsonNode data = page.path("data");
    List<JsonNode> tweets = new ArrayList<>();
    if (data.isArray()) {
      data.forEach(tweets::add);
    } else if (data.isObject()) {
      tweets.add(data);
    }
    List<JsonNode> out = new ArrayList<>(tweets.size());
    for (JsonNode t : tweets) {
      ObjectNode copy = t.deepCopy();
      String author = users.get(Json.text(t, "author_id"));
      if (author != null) {
        copy.put("@username", author);
      }
      String full = fullText(t, included, users);
      if (full != null) {
        copy.put("@full_text", full);
      }
      out.add(copy);
    }
    return out;
  }

  private static String fullText(JsonNode t, Map<String, JsonNode> included, Map<String, String> users) {
    for (JsonNode ref : t.path("referenced_tweets")) {
      if ("retweeted".equals(Json.text(ref, "type"))) {
        JsonNode original = included.get(Json.text(ref, "id"));
        if (original != null) {
          String by = users.get(Json.text(original, "author_id"));
          String text = Json.text(original.path("note_tweet"), "text");
          return "RT" + (by == null ? "" : " @" + by) + ": " + (text != null ? text : Json.text(original, "text"));
        }
      }
    }
    return Json.text(t.path("note_tweet"), "text");
  }

  private static boolean retweet(JsonNode t) {
    for (JsonNode ref : t.path("referenced_tweets")) {
      if ("retweeted".equals(Json.text(ref, "type"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Post toPost(JsonNode t) throws BadRecordException {
    String id = Json.required(t, "id");
    String parent = null;
    for (JsonNode ref : t.path("referenced_tweets")) {
      if ("replied_to".equals(Json.text(ref, "type"))) {
        parent = SOURCE + ":" + Json.text(ref, "id");
      }
    }
    String conversation = Json.text(t, "conversation_id");
    String username = Json.text(t, "@username");
    String text = Json.text(t, "@full_text") != null ? Json.text(t, "@full_text") : Json.text(t, "text");
    return new Post(
        SOURCE + ":" + id,
        SOURCE,
        null,
        conversation == null ? null : SOURCE + ":" + conversation,
        parent,
        username != null ? username : Json.text(t, "author_id"),
        Timestamps.parse(t.get("created_at"), "created_at"),
        null,
        text == null ? null : Parser.unescapeEntities(text, false),
        Markup.PLAIN,
        "https://x.com/" + (username != null ? username : "i/web") + "/status/" + id,
        Json.longValue(t.path("public_metrics"), "like_count"),
        false,
        false,
        retweet(t) ? "retweet" : "tweet");
  }
}
