package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;

/**
 * Hacker News items as the official Firebase API returns them ({@code /v0/item/<id>.json}, one per line) and as
 * the BigQuery {@code bigquery-public-data.hacker_news} export writes them (the same fields, every value a
 * string, {@code timestamp} as {@code 2022-10-01 12:00:00 UTC}). Fields: {@code id}, {@code type}
 * (story, comment, job, poll, pollopt), {@code by}, {@code time}, {@code text} (HTML), {@code title},
 * {@code url}, {@code score}, {@code parent}, {@code deleted}, {@code dead}.
 *
 * <p>Items give only their parent; the thread root is known here for stories (themselves) and is otherwise
 * left null for the thread stage to reconstruct.
 */
public final class HackerNewsItemReader implements PostReader {

  @Override
  public String format() {
    return "hn-item";
  }

  @Override
  public boolean recognises(JsonNode value) {
    if (!Json.has(value, "id") || value.has("objectID")) {
      return false;
    }
    boolean timed = value.has("time") || value.has("timestamp");
    boolean hnShaped = value.has("by") || value.has("kids") || value.has("parent") || value.has("descendants");
    String type = Json.text(value, "type");
    boolean hnType = type != null && type.matches("story|comment|job|poll|pollopt");
    return timed && (hnShaped || hnType);
  }

  @Override
  public Post toPost(JsonNode r) throws BadRecordException {
    String id = Json.required(r, "id");
    String type = Json.text(r, "type");
    String parent = Json.text(r, "parent");
    if (type == null) {
      type = parent == null ? "story" : "comment";
    }
    var created = r.has("time") && !r.get("time").isNull()
        ? Timestamps.parse(r.get("time"), "time")
        : Timestamps.parse(r.get("timestamp"), "timestamp");
    boolean root = parent == null || type.equals("story") || type.equals("job") || type.equals("poll");
    boolean deleted = Json.flag(r, "deleted");
    boolean dead = Json.flag(r, "dead");
    String url = Json.text(r, "url");
    if (url == null) {
      url = "https://news.ycombinator.com/item?id=" + id;
    }
    return new Post(
        qualify(id),
        HackerNewsAlgoliaReader.SOURCE,
        null,
        root ? qualify(id) : null,
        root ? null : qualify(parent),
        Json.text(r, "by"),
        created,
        Json.text(r, "title"),
        Json.text(r, "text"),
        Markup.HTML,
        url,
        Json.longValue(r, "score"),
        deleted,
        dead,
        type);
  }

  static String qualify(String id) {
    return id == null ? null : "hn:" + id;
  }
}
