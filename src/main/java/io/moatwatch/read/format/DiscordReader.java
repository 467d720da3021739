package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DiscordChatExporter JSON exports of channels and threads:
 * {@code {"guild": {...}, "channel": {...}, "messages": [...], "messageCount": n}}. The messages are streamed
 * one by one by {@link JsonRecordStream}, each with the guild and channel as its envelope.
 *
 * <p>Ids are {@code discord:<message id>} (strings: they exceed 2^53); a reply's parent is
 * {@code reference.messageId}, and the thread root is found by following replies within the input (a message
 * that replies to nothing starts its own thread). A message deleted before the export is simply absent, so a
 * reply to it points at an id that is not in the input. Community: {@code guild / category / channel}.
 * Only {@code Default} and {@code Reply} messages are content; system messages (joins, pins, thread
 * creation, calls) and messages of bots are {@code not_content}. Text is Discord Markdown.
 */
public final class DiscordReader implements PostReader {
  private static final String SOURCE = "discord";
  private static final Set<String> CONTENT_TYPES = Set.of("Default", "Reply");

  @Override
  public String format() {
    return "discord";
  }

  @Override
  public boolean recognises(JsonNode value) {
    if (value.path("messages").isArray() && value.has("channel")) {
      return true;
    }
    return value.path(JsonRecordStream.ENVELOPE).has("channel") && Json.has(value, "id", "timestamp", "author");
  }

  /** A whole export on one line (not streamed): its messages, each given the envelope. */
  @Override
  public List<JsonNode> records(JsonNode value) {
    if (!value.path("messages").isArray()) {
      return List.of(value);
    }
    ObjectNode envelope = ((ObjectNode) value).deepCopy();
    envelope.remove("messages");
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : value.path("messages")) {
      ObjectNode copy = m.deepCopy();
      copy.set(JsonRecordStream.ENVELOPE, envelope);
      out.add(copy);
    }
    return out;
  }

  @Override
  public Post toPost(JsonNode m) throws BadRecordException, NotContentException {
    String id = Json.required(m, "id");
    String type = Json.text(m, "type");
    if (type != null && !CONTENT_TYPES.contains(type)) {
      throw new NotContentException("discord system message (" + type + ")");
    }
    JsonNode author = m.path("author");
    if (Json.flag(author, "isBot")) {
      throw new NotContentException("discord bot message");
    }
    JsonNode env = m.path(JsonRecordStream.ENVELOPE);
    String replyTo = Json.text(m.path("reference"), "messageId");
    String nickname = Json.text(author, "nickname");
    return new Post(
        SOURCE + ":" + id,
        SOURCE,
        community(env),
        null,
        replyTo == null ? null : SOURCE + ":" + replyTo,
        nickname != null ? nickname : Json.text(author, "name"),
        Timestamps.parse(m.get("timestamp"), "timestamp"),
        null,
        Json.text(m, "content"),
        Markup.MARKDOWN,
        null,
        null,
        false,
        false,
        "message");
  }

  private static String community(JsonNode env) {
    List<String> parts = new ArrayList<>();
    for (String p : new String[] {Json.text(env.path("guild"), "name"), Json.text(env.path("channel"), "category"),
        Json.text(env.path("channel"), "name")}) {
      if (p != null) {
        parts.add(p);
      }
    }
    return parts.isEmpty() ? null : String.join(" / ", parts);
  }
}
