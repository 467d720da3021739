package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import org.jsoup.parser.Parser;

/**
 * The X/Twitter personal archive's {@code data/tweets.js}: {@code window.YTD.tweets.part0 = [ {"tweet": {...}} ]}
 * (the JavaScript prefix is dropped by {@link JsonRecordStream}). Tweets carry {@code id_str},
 * {@code full_text} (entities escaped), {@code created_at} as {@code Sat Jun 09 02:38:00 +0000 2018},
 * {@code in_reply_to_status_id_str} and {@code favorite_count}, all numbers as strings. The archive does not
 * name its owner in this file, so {@code author} is left empty. Retweets keep the archive's text, which X
 * already cut at 140 characters.
 */
public final class XArchiveReader implements PostReader {

  @Override
  public String format() {
    return "x-archive";
  }

  @Override
  public boolean recognises(JsonNode value) {
    JsonNode t = value.path("tweet");
    return t.isObject() && (t.has("id_str") || t.has("id")) && t.has("full_text");
  }

  @Override
  public Post toPost(JsonNode r) throws BadRecordException {
    JsonNode t = r.path("tweet");
    String id = Json.text(t, "id_str") != null ? Json.text(t, "id_str") : Json.required(t, "id");
    String replyTo = Json.text(t, "in_reply_to_status_id_str");
    String text = Json.text(t, "full_text");
    return new Post(
        XReader.SOURCE + ":" + id,
        XReader.SOURCE,
        null,
        null,
        replyTo == null ? null : XReader.SOURCE + ":" + replyTo,
        null,
        Timestamps.parse(t.get("created_at"), "created_at"),
        null,
        text == null ? null : Parser.unescapeEntities(text, false),
        Markup.PLAIN,
        "https://x.com/i/web/status/" + id,
        Json.longValue(t, "favorite_count"),
        false,
        false,
        text != null && text.startsWith("RT @") ? "retweet" : "tweet");
  }
}
