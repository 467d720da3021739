package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.parser.Parser;

/**
 * GrimoireLab Perceval items ({@code perceval github ... --json-line}, or its default output of concatenated
 * JSON, or a JSON array): {@code {"backend_name", "category", "uuid", "updated_on", "data": {...}}}. The
 * {@code data} is unwrapped per backend and read like the platform's own export:
 *
 * <ul>
 *   <li>{@code GitHub}: issues and pull requests with their {@code comments_data}, as {@link GitHubReader};
 *       {@code repository} items are {@code not_content};
 *   <li>{@code Discourse}: a topic with all its posts, as {@link DiscourseReader};
 *   <li>{@code StackExchange}: an API question with its {@code answers} and {@code comments} (Markdown);
 *   <li>{@code Twitter}: an API v1.1 status ({@code retweeted_status} gives a retweet's full text).
 * </ul>
 *
 * Every record carries the item's {@code updated_on} as its version, so when the same item was fetched
 * twice (same {@code uuid}, hence the same post ids) the newest copy is kept. Other backends are rejected
 * with their name.
 */
public final class PercevalReader implements PostReader {
  private final GitHubReader github = new GitHubReader();
  private final DiscourseReader discourse = new DiscourseReader();

  @Override
  public String format() {
    return "perceval";
  }

  @Override
  public boolean recognises(JsonNode value) {
    return Json.has(value, "backend_name", "uuid") && value.path("data").isObject();
  }

  @Override
  public List<JsonNode> records(JsonNode item) {
    String backend = Json.text(item, "backend_name");
    JsonNode data = item.path("data");
    List<JsonNode> inner = new ArrayList<>();
    switch (backend == null ? "" : backend.toLowerCase(Locale.ROOT)) {
      case "github" -> {
        inner.add(data);
        data.path("comments_data").forEach(inner::add);
      }
      case "discourse" -> inner.addAll(discourse.records(data));
      case "stackexchange" -> {
        inner.add(data);
        data.path("comments").forEach(inner::add);
        for (JsonNode answer : data.path("answers")) {
          inner.add(answer);
          answer.path("comments").forEach(inner::add);
        }
      }
      default -> inner.add(data);
    }
    List<JsonNode> out = new ArrayList<>(inner.size());
    for (JsonNode r : inner) {
      ObjectNode copy = r.deepCopy();
      copy.put("@backend", backend);
      copy.put("@category", Json.text(item, "category"));
      copy.set("@version", item.path("updated_on"));
      if ("stackexchange".equalsIgnoreCase(backend)) {
        copy.put("@site", host(Json.text(data, "link")));
      }
      out.add(copy);
    }
    return out;
  }

  @Override
  public Post toPost(JsonNode r) throws BadRecordException, NotContentException {
    String backend = Json.text(r, "@backend");
    return switch (backend == null ? "" : backend.toLowerCase(Locale.ROOT)) {
      case "github" -> {
        if ("repository".equals(Json.text(r, "@category"))) {
          throw new NotContentException("perceval github repository item, not a post");
        }
        yield github.toPost(r);
      }
      case "discourse" -> discourse.toPost(r);
      case "stackexchange" -> stackExchange(r);
      case "twitter" -> tweetV1(r);
      default -> throw new BadRecordException("unsupported Perceval backend '" + backend + "'");
    };
  }

  /** A Stack Exchange API question, answer or comment. */
  private static Post stackExchange(JsonNode r) throws BadRecordException {
    String site = Json.text(r, "@site");
    String prefix = "stackexchange:" + (site == null ? "" : site + "/");
    String id;
    String parent;
    List<String> tags = new ArrayList<>();
    String title = null;
    String question = Json.text(r, "question_id");
    if (r.has("comment_id")) {
      id = prefix + "c" + Json.required(r, "comment_id");
      parent = prefix + Json.required(r, "post_id");
    } else if (r.has("answer_id")) {
      id = prefix + Json.required(r, "answer_id");
      parent = prefix + Json.required(r, "question_id");
    } else {
      id = prefix + Json.required(r, "question_id");
      parent = null;
      title = Json.text(r, "title");
      r.path("tags").forEach(t -> tags.add(t.asText()));
      if (title != null && !tags.isEmpty()) {
        title = Parser.unescapeEntities(title, false) + " [" + String.join(", ", tags) + "]";
      }
    }
    String body = Json.text(r, "body_markdown") != null ? Json.text(r, "body_markdown") : Json.text(r, "body");
    return new Post(id, "stackexchange", site, question == null ? null : prefix + question, parent,
        Json.text(r.path("owner"), "display_name"), Timestamps.parse(r.get("creation_date"), "creation_date"),
        title, body, Json.text(r, "body_markdown") != null ? Markup.MARKDOWN : Markup.HTML, Json.text(r, "link"),
        Json.longValue(r, "score"), false, false,
        r.has("comment_id") ? "comment" : r.has("answer_id") ? "answer" : "question", tags, null);
  }

  /** An X/Twitter API v1.1 status. */
  private static Post tweetV1(JsonNode t) throws BadRecordException {
    String id = Json.text(t, "id_str") != null ? Json.text(t, "id_str") : Json.required(t, "id");
    String text = Json.text(t, "full_text") != null ? Json.text(t, "full_text") : Json.text(t, "text");
    JsonNode retweeted = t.path("retweeted_status");
    if (retweeted.isObject()) {
      String original = Json.text(retweeted, "full_text") != null
          ? Json.text(retweeted, "full_text") : Json.text(retweeted, "text");
      text = "RT @" + Json.text(retweeted.path("user"), "screen_name") + ": " + original;
    }
    String replyTo = Json.text(t, "in_reply_to_status_id_str");
    String user = Json.text(t.path("user"), "screen_name");
    return new Post(XReader.SOURCE + ":" + id, XReader.SOURCE, null, null,
        replyTo == null ? null : XReader.SOURCE + ":" + replyTo, user,
        Timestamps.parse(t.get("created_at"), "created_at"), null,
        text == null ? null : Parser.unescapeEntities(text, false), Markup.PLAIN,
        "https://x.com/" + (user == null ? "i/web" : user) + "/status/" + id, Json.longValue(t, "favorite_count"),
        false, false,
        retweeted.isObject() ? "retweet" : "tweet");
  }

  private static String host(String link) {
    try {
      return link == null ? null : URI.create(link).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
