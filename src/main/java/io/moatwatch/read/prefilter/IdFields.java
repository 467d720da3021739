package io.moatwatch.read.prefilter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The second pass's id test on one raw JSON line, looking only where the full path reads a record's post,
 * thread and parent: the values of the keys {@link #KEYS} (Reddit's {@code id}, {@code link_id},
 * {@code parent_id}; Algolia's {@code objectID}, {@code story_id}, {@code parent_id}), anywhere in the line
 * (nested objects too: looking at more values than the reader does only lets more lines through). A line passes
 * when one of those values holds a token of the {@link IdSet}.
 *
 * <p>Sound against the full path: a record ends on topic without words of its own only through its thread, its
 * parent chain (same thread, or its parent's id) or a copy of it (its own id), all read from these keys, and
 * each key of a line without a {@code \\u} escape is spelled {@code "key"} in its raw bytes (only a
 * {@code \\u} escape can spell a letter or {@code _} otherwise). So a line with a {@code \\u} escape anywhere,
 * or whose id value holds any escape, is tested as {@link IdSet#containsToken} tests it: every token of the line.
 * The rest skip the body text, which is most of a comment's bytes and where the token test spent its time:
 * only the ends of the keys that end in {@code id} ({@code id"}, either case) and {@code \\u} are looked for,
 * eight bytes at a time ({@link Bytes#indexOfIdOrEscape}). A quote after {@code id} is not escaped (its byte
 * before is a {@code d}), so it ends a string; looking at every {@code "} and {@code \\}, as before, cost 20 %
 * more on generated comments (BENCHMARKS.md).
 */
public final class IdFields {
  /** The keys whose values name the post, its thread and its parent in {@link Prefilter#FORMATS}. */
  public static final List<String> KEYS = List.of("id", "link_id", "parent_id", "objectID", "story_id");
  private static final byte[][] KEY_BYTES =
      KEYS.stream().map(k -> k.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

  private IdFields() {}

  /** Whether a value of one of {@link #KEYS} in {@code b[from, to)} holds one of {@code ids}' tokens. */
  public static boolean hold(IdSet ids, byte[] b, int from, int to) {
    if (ids.passesEverything()) {
      return true;
    }
    int i = from;
    while (true) {
      int p = Bytes.indexOfIdOrEscape(b, i, to);
      if (p >= to) {
        return false;
      }
      if (b[p] == '\\') {
        return ids.containsToken(b, from, to); // a \\u: an escaped key cannot be told from its bytes
      }
      int q = p + 2; // the quote after "id"
      int value = idKeyValue(b, from, q, to);
      if (value < 0) {
        i = q + 1;
        continue;
      }
      if (b[value] == '"') {
        int end = nextQuoteOrBackslash(b, value + 1, to);
        if (end >= to || b[end] == '\\') {
          return ids.containsToken(b, from, to); // an escape in an id, or a line cut short: every token
        }
        if (ids.containsToken(b, value + 1, end)) {
          return true;
        }
        i = end + 1;
      } else {
        int end = value;
        while (end < to && (b[end] >= '0' && b[end] <= '9' || b[end] == '-')) {
          end++;
        }
        if (end > value && ids.containsToken(b, value, end)) {
          return true;
        }
        i = Math.max(end, value + 1);
      }
    }
  }

  /**
   * When the quote at {@code q} closes one of {@link #KEYS} followed by a colon, where its value starts (a quote,
   * or the first byte of a number or literal); else -1.
   */
  private static int idKeyValue(byte[] b, int from, int q, int to) {
    if (q - from < 3 || !(b[q - 1] == 'd' && b[q - 2] == 'i' || b[q - 1] == 'D' && b[q - 2] == 'I')) {
      return -1;
    }
    int start = q - 2;
    while (start > from && keyByte(b[start - 1])) {
      start--;
    }
    if (start == from || b[start - 1] != '"' || !isKey(b, start, q)) {
      return -1;
    }
    int p = skipSpace(b, q + 1, to);
    if (p >= to || b[p] != ':') {
      return -1;
    }
    p = skipSpace(b, p + 1, to);
    return p < to ? p : -1;
  }

  private static boolean keyByte(byte c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  private static boolean isKey(byte[] b, int start, int end) {
    for (byte[] k : KEY_BYTES) {
      if (k.length == end - start && Arrays.equals(k, 0, k.length, b, start, end)) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpace(byte[] b, int i, int to) {
    while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
    return i;
  }

  /** The first {@code "} or {@code \\} in {@code b[i, to)}, or {@code to}. */
  static int nextQuoteOrBackslash(byte[] b, int i, int to) {
    return Bytes.indexOfEither(b, i, to, (byte) '"', (byte) '\\');
  }
}
