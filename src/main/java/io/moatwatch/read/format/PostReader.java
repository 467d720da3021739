package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.schema.Post;
import java.util.List;

/**
 * Turns the JSON records of one export format into {@link Post}s. Implementations are stateless and pure:
 * no I/O, no Spark. Adding a format is one implementation of this interface, registered in {@link Formats},
 * plus a sample file in {@code data/}.
 */
public interface PostReader {

  /** The name users pass to {@code --format}, also recorded per file in the run manifest. */
  String format();

  /**
   * Whether a top-level JSON value (one line of a JSON-lines file, one element of a JSON array, or a whole
   * document) looks like this format. Used for auto-detection, so it must be specific.
   */
  boolean recognises(JsonNode value);

  /**
   * The records inside a top-level value: the value itself unless the format wraps them (Algolia's hits, a
   * Discourse topic's posts). A reader may attach what the envelope says about a record (a topic's title, an
   * author's name) to a copy of it under keys starting with {@code @}.
   */
  default List<JsonNode> records(JsonNode value) {
    return List.of(value);
  }

  /**
   * Converts one record; throws {@link BadRecordException} with a one-line reason for a bad one, and
   * {@link NotContentException} for a well-formed record that is not a post to score.
   */
  Post toPost(JsonNode record) throws BadRecordException, NotContentException;
}
