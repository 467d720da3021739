package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Timestamps in every form exports use, always to a UTC {@link Instant}.
 *
 * <ul>
 *   <li>epoch numbers and numeric strings, in seconds (possibly fractional) or milliseconds (values above
 *       10^11, i.e. after 1973 in ms, are taken as ms);
 *   <li>ISO-8601 with {@code Z} or an offset ({@code 2024-05-01T12:00:00.123+02:00});
 *   <li>date-times without a zone ({@code 2024-05-01 12:00:00}, {@code 2024-05-01T12:00:00}) and BigQuery's
 *       {@code 2024-05-01 12:00:00 UTC}, all taken as UTC;
 *   <li>Twitter's classic {@code Sat Jun 09 02:38:00 +0000 2018}.
 * </ul>
 */
public final class Timestamps {
  private static final Pattern NUMERIC = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
  private static final double MILLIS_THRESHOLD = 1e11;
  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart().appendLiteral('T').optionalEnd()
          .optionalStart().appendLiteral(' ').optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart().appendPattern(":ss").optionalEnd()
          .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
          .toFormatter();
  private static final DateTimeFormatter TWITTER =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);

  private Timestamps() {}

  /** Parses a JSON value; throws {@link BadRecordException} naming the field when it is missing or bad. */
  public static Instant parse(JsonNode node, String field) throws BadRecordException {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new BadRecordException("missing timestamp field '" + field + "'");
    }
    if (node.isNumber()) {
      return fromEpoch(node.asDouble(), field);
    }
    if (node.isTextual()) {
      return parse(node.asText(), field);
    }
    throw new BadRecordException("timestamp field '" + field + "' is " + node.getNodeType().name().toLowerCase()
        + ", not a number or string");
  }

  /** Parses a string in any of the supported forms. */
  public static Instant parse(String raw, String field) throws BadRecordException {
    String s = raw.trim();
    if (s.isEmpty()) {
      throw new BadRecordException("empty timestamp field '" + field + "'");
    }
    if (NUMERIC.matcher(s).matches()) {
      return fromEpoch(Double.parseDouble(s), field);
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // not ISO with an offset: try the zone-less forms below
    }
    if (Character.isLetter(s.charAt(0))) {
      try {
        return OffsetDateTime.parse(s, TWITTER).toInstant();
      } catch (DateTimeParseException e) {
        throw new BadRecordException("unreadable timestamp '" + abbreviate(s) + "' in field '" + field + "'");
      }
    }
    String local = s.endsWith(" UTC") ? s.substring(0, s.length() - 4) : s;
    try {
      return LocalDateTime.parse(local, LOCAL).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new BadRecordException("unreadable timestamp '" + abbreviate(s) + "' in field '" + field + "'");
    }
  }

  private static Instant fromEpoch(double value, String field) throws BadRecordException {
    if (!Double.isFinite(value) || value < 0) {
      throw new BadRecordException("timestamp field '" + field + "' is out of range: " + value);
    }
    try {
      if (value >= MILLIS_THRESHOLD) {
        return Instant.ofEpochMilli((long) value);
      }
      long seconds = (long) value;
      long nanos = Math.round((value - seconds) * 1e9);
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException | ArithmeticException e) {
      throw new BadRecordException("timestamp field '" + field + "' is out of range: " + value);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
