package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A Mastodon account archive's {@code outbox.json}: an ActivityStreams {@code OrderedCollection} whose
 * {@code orderedItems} are {@code Create} activities (a {@code Note} in {@code object}) and {@code Announce}
 * activities (boosts, whose {@code object} is only a URL).
 *
 * <p>Only public notes are content: a note addressed neither {@code to} nor {@code cc} the public collection
 * (followers-only or direct) is skipped as {@code not_content}, never scored; boosts are {@code not_content}
 * too. Ids are {@code mastodon:<instance>/<status id>}, the same for a status however it is referenced, so
 * {@code inReplyTo} links work across instances. The author is {@code user@instance} from
 * {@code attributedTo}. Text is HTML.
 */
public final class MastodonReader implements PostReader {
  private static final String SOURCE = "mastodon";
  private static final List<String> PUBLIC =
      List.of("https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public");

  @Override
  public String format() {
    return "mastodon";
  }

  @Override
  public boolean recognises(JsonNode value) {
    String type = Json.text(value, "type");
    return value.path("orderedItems").isArray() && type != null && type.startsWith("OrderedCollection")
        || isActor(value);
  }

  /** The archive's {@code actor.json}: the account's profile, not a post. */
  private static boolean isActor(JsonNode v) {
    return "Person".equals(Json.text(v, "type")) && v.has("preferredUsername") && v.has("outbox");
  }

  @Override
  public List<JsonNode> records(JsonNode value) {
    if (isActor(value)) {
      return List.of(value); // one record, counted as not_content
    }
    List<JsonNode> out = new ArrayList<>();
    value.path("orderedItems").forEach(out::add);
    return out;
  }

  @Override
  public Post toPost(JsonNode activity) throws BadRecordException, NotContentException {
    if (isActor(activity)) {
      throw new NotContentException("mastodon actor profile (actor.json), not a post");
    }
    String type = Json.text(activity, "type");
    if ("Announce".equals(type)) {
      throw new NotContentException("mastodon boost (Announce), not the account's own words");
    }
    JsonNode note = activity.path("object");
    if (!"Create".equals(type) || !note.isObject()) {
      throw new NotContentException("mastodon " + type + " activity, not a note");
    }
    if (!isPublic(note) && !isPublic(activity)) {
      throw new NotContentException("mastodon note not addressed to the public (followers-only or direct)");
    }
    String id = statusId(Json.required(note, "id"));
    String replyTo = Json.text(note, "inReplyTo");
    String attributed = Json.text(note, "attributedTo");
    return new Post(
        id,
        SOURCE,
        host(Json.required(note, "id")),
        null,
        replyTo == null ? null : statusId(replyTo),
        attributed == null ? null : author(attributed),
        Timestamps.parse(note.has("published") ? note.get("published") : activity.get("published"), "published"),
        null,
        Json.text(note, "content"),
        Markup.HTML,
        Json.text(note, "url"),
        null,
        false,
        false,
        "note");
  }

  private static boolean isPublic(JsonNode n) {
    for (String field : List.of("to", "cc")) {
      for (JsonNode a : n.path(field)) {
        if (PUBLIC.contains(a.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code https://host/users/u/statuses/123} (or {@code https://host/@u/123}) to {@code mastodon:host/123}. */
  static String statusId(String url) throws BadRecordException {
    String host = host(url);
    String path = URI.create(url).getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (last.isEmpty()) {
      throw new BadRecordException("cannot tell the status id from '" + url + "'");
    }
    return SOURCE + ":" + host + "/" + last;
  }

  private static String host(String url) throws BadRecordException {
    try {
      String host = URI.create(url).getHost();
      if (host == null) {
        throw new BadRecordException("not a status URL: '" + url + "'");
      }
      return host;
    } catch (IllegalArgumentException e) {
      throw new BadRecordException("not a status URL: '" + url + "'");
    }
  }

  private static String author(String actorUrl) throws BadRecordException {
    String path = URI.create(actorUrl).getPath();
    return path.substring(path.lastIndexOf('/') + 1) + "@" + host(actorUrl);
  }
}
