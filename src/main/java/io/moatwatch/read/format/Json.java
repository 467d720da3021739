package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Lenient field access for exports, where the same field is a number in one dump and a string in the next
 * (BigQuery stringifies every INT64; Pushshift changed {@code created_utc} between years).
 */
public final class Json {
  /** The one mapper readers share: strict about trailing garbage, so a glued line is rejected, not half read. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private Json() {}

  /** The field as text (numbers and booleans rendered), or null when missing, null or blank. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isBlank() ? null : s;
  }

  /** The field as a long (numbers or numeric strings), or null when missing, null or not numeric. */
  public static Long longValue(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return (long) v.asDouble();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The field as a boolean: true, "true", 1 or "1" are true; anything else, or missing, is false. */
  public static boolean flag(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String s = v.asText().trim();
    return s.equalsIgnoreCase("true") || s.equals("1");
  }

  /** Whether every named field is present and not null. */
  public static boolean has(JsonNode node, String... fields) {
    if (node == null || !node.isObject()) {
      return false;
    }
    for (String f : fields) {
      JsonNode v = node.get(f);
      if (v == null || v.isNull()) {
        return false;
      }
    }
    return true;
  }

  /** The field as text, or a {@link BadRecordException} naming the missing field. */
  public static String required(JsonNode node, String field) throws BadRecordException {
    String s = text(node, field);
    if (s == null) {
      throw new BadRecordException("missing field '" + field + "'");
    }
    return s;
  }
}
