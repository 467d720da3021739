package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.util.ArrayList;
import java.util.List;

/**
 * moatwatch's own JSON-lines post format ({@code --format jsonl}), for exports from anywhere else. One JSON
 * object per line, documented in docs/FORMATS.md:
 *
 * <pre>{"id": "42", "source": "discourse", "created_at": "2026-11-20T09:15:00Z", "text": "...",
 *  "community": "...", "thread_id": "40", "parent_id": "41", "author": "...", "title": "...",
 *  "markup": "html|markdown|plain", "url": "...", "score": 3, "deleted": false, "removed": false,
 *  "tags": ["rocm"], "thread_title": "..."}</pre>
 *
 * Required: {@code id}, {@code source}, {@code created_at}, and {@code text} or {@code title}. Ids are
 * qualified with the source ({@code discourse:42}) unless they already start with {@code source:}.
 */
public final class GenericJsonReader implements PostReader {

  @Override
  public String format() {
    return "jsonl";
  }

  @Override
  public boolean recognises(JsonNode value) {
    return Json.has(value, "id", "source", "created_at") && (value.has("text") || value.has("title"));
  }

  @Override
  public Post toPost(JsonNode r) throws BadRecordException {
    String source = Json.required(r, "source");
    for (String field : new String[] {"text", "title"}) {
      JsonNode v = r.get(field);
      if (v != null && v.isContainerNode()) {
        throw new BadRecordException("'" + field + "' is " + (v.isArray() ? "an array" : "an object")
            + ", not a string");
      }
    }
    String text = Json.text(r, "text");
    String title = Json.text(r, "title");
    boolean deleted = Json.flag(r, "deleted");
    boolean removed = Json.flag(r, "removed");
    if (text == null && title == null && !deleted && !removed) {
      throw new BadRecordException(r.hasNonNull("text") || r.hasNonNull("title")
          ? "'text' and 'title' are blank: nothing to analyse"
          : "neither 'text' nor 'title' is present");
    }
    String markupField = Json.text(r, "markup");
    Markup markup;
    try {
      markup = markupField == null ? Markup.PLAIN : Markup.parse(markupField);
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(e.getMessage());
    }
    return new Post(
        qualify(source, Json.required(r, "id")),
        source,
        Json.text(r, "community"),
        qualify(source, Json.text(r, "thread_id")),
        qualify(source, Json.text(r, "parent_id")),
        Json.text(r, "author"),
        Timestamps.parse(r.get("created_at"), "created_at"),
        title,
        text,
        markup,
        Json.text(r, "url"),
        Json.longValue(r, "score"),
        deleted,
        removed,
        Json.text(r, "kind") != null ? Json.text(r, "kind") : "post",
        tags(r),
        Json.text(r, "thread_title"));
  }

  private static List<String> tags(JsonNode r) throws BadRecordException {
    JsonNode tags = r.get("tags");
    if (tags == null || tags.isNull()) {
      return List.of();
    }
    if (!tags.isArray()) {
      throw new BadRecordException("'tags' is not an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode t : tags) {
      if (!t.isTextual()) {
        throw new BadRecordException("'tags' is not an array of strings");
      }
      out.add(t.asText());
    }
    return out;
  }

  private static String qualify(String source, String id) {
    if (id == null) {
      return null;
    }
    return id.startsWith(source + ":") ? id : source + ":" + id;
  }
}
