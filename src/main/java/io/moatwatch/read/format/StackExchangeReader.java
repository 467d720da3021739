package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.util.List;

/**
 * Stack Exchange data dump {@code Posts.xml} rows (from {@link XmlRowStream}). Questions
 * ({@code PostTypeId} 1) start a thread and carry the title; answers ({@code PostTypeId} 2) reply to their
 * {@code ParentId}; tag wikis, excerpts, nominations and other post types are {@code not_content}. Both tag
 * formats ({@code <a><b>} in older dumps, {@code |a|b|} in newer ones) are read into the title line's
 * companion: tags are added after the title so topic matching sees them. Ids are
 * {@code stackexchange:<site>/<Id>} with the site from the dump's folder name. Dates have no zone: UTC.
 * Bodies are HTML. The author is {@code OwnerDisplayName}, else {@code user <OwnerUserId>} (names are in
 * {@code Users.xml}, not read).
 */
public final class StackExchangeReader implements PostReader {
  private static final String SOURCE = "stackexchange";

  @Override
  public String format() {
    return "stackexchange";
  }

  @Override
  public boolean recognises(JsonNode value) {
    return Json.has(value, "Id", "PostTypeId", "CreationDate");
  }

  @Override
  public Post toPost(JsonNode r) throws BadRecordException, NotContentException {
    String type = Json.required(r, "PostTypeId");
    if (!type.equals("1") && !type.equals("2")) {
      throw new NotContentException("stack exchange post type " + type + " (not a question or answer)");
    }
    String site = Json.text(r, "@site");
    String prefix = SOURCE + ":" + (site == null ? "" : site + "/");
    String id = prefix + Json.required(r, "Id");
    boolean question = type.equals("1");
    String parent = question ? null : prefix + Json.required(r, "ParentId");
    String owner = Json.text(r, "OwnerDisplayName");
    if (owner == null && Json.text(r, "OwnerUserId") != null) {
      owner = "user " + Json.text(r, "OwnerUserId");
    }
    String title = Json.text(r, "Title");
    String tags = tags(Json.text(r, "Tags"));
    if (question && title != null && tags != null) {
      title = title + " [" + tags + "]";
    }
    return new Post(
        id,
        SOURCE,
        site,
        question ? id : parent,
        parent,
        owner,
        Timestamps.parse(r.get("CreationDate"), "CreationDate"),
        question ? title : null,
        Json.text(r, "Body"),
        Markup.HTML,
        site == null ? null : "https://" + site + "/q/" + Json.text(r, "Id"),
        Json.longValue(r, "Score"),
        false,
        false,
        question ? "question" : "answer",
        tags == null ? List.of() : List.of(tags.split(", ")),
        null);
  }

  /** {@code <a><b>} or {@code |a|b|} to {@code a, b}. */
  static String tags(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String[] parts = raw.startsWith("|") ? raw.split("\\|") : raw.replace("><", "|").replace("<", "")
        .replace(">", "").split("\\|");
    StringBuilder out = new StringBuilder();
    for (String p : parts) {
      if (!p.isBlank()) {
        out.append(out.length() == 0 ? "" : ", ").append(p.strip());
      }
    }
    return out.length() == 0 ? null : out.toString();
  }
}
