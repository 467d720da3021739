package io.moatwatch.read.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The second pass's id test: only the values of the id keys, on a line's raw bytes; every token when in doubt. */
class IdFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What RedditReader and HackerNewsAlgoliaReader read a post's id, thread and parent from. */
  private static final List<String> READ_KEYS = List.of("id", "link_id", "parent_id", "objectID", "story_id");

  private static boolean hold(IdSet ids, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return IdFields.hold(ids, b, 0, b.length);
  }

  @Test
  void looksInTheIdKeysValuesOnly() {
    IdSet ids = new IdSet(Set.of("abc12", "8863"));
    assertThat(hold(ids, "{\"id\":\"zz9\",\"link_id\":\"t3_abc12\",\"body\":\"x\"}")).isTrue();
    assertThat(hold(ids, "{\"id\":\"abc12\",\"link_id\":\"t3_q\"}")).isTrue(); // a copy of an on-topic post
    assertThat(hold(ids, "{\"parent_id\":\"t1_abc12\",\"link_id\":\"t3_q\"}")).isTrue();
    assertThat(hold(ids, "{\"objectID\":\"1\",\"story_id\": 8863}")).isTrue(); // Algolia: a number
    assertThat(hold(ids, "{\"objectID\" : \"8863\"}")).isTrue(); // spaces around the colon
    assertThat(hold(ids, "{\"a\":{\"link_id\":\"t3_abc12\"}}")).isTrue(); // nested: more values, still sound
    // the id in the body, the permalink or another key: the reader does not take it for post, thread or parent
    assertThat(hold(ids, "{\"id\":\"q1\",\"link_id\":\"t3_q\",\"body\":\"see abc12\"}")).isFalse();
    assertThat(hold(ids, "{\"id\":\"q1\",\"subreddit_id\":\"t5_abc12\",\"permalink\":\"/r/x/abc12/\"}")).isFalse();
    assertThat(hold(ids, "{\"body\":\"\\\"link_id\\\":\\\"t3_abc12\\\"\",\"id\":\"q\"}")).isFalse(); // in a string
    assertThat(hold(ids, "{\"id\":\"ABC12\"}")).isFalse(); // exact case
    assertThat(ids.containsToken("{\"body\":\"see abc12\"}".getBytes(StandardCharsets.UTF_8), 0, 20)).isTrue();
  }

  @Test
  void aLineWithAUnicodeEscapeOrAnEscapedIdIsSearchedWhole() {
    IdSet ids = new IdSet(Set.of("abc12"));
    assertThat(hold(ids, "{\"link\\u005fid\":\"t3_abc12\"}")).isTrue(); // the key spelled with an escape
    assertThat(hold(ids, "{\"body\":\"\\u00e9 abc12\",\"id\":\"q\"}")).isTrue(); // any \\u: every token
    assertThat(hold(ids, "{\"id\":\"q\",\"link_id\":\"t3_\\/abc12\"}")).isTrue(); // an escape in an id value
    assertThat(hold(new IdSet(Set.of("--")), "{}")).isTrue(); // an id without a run: everything passes
    assertThat(hold(new IdSet(Set.of()), "{\"id\":\"abc\"}")).isFalse();
  }

  /**
   * Soundness against the reader: for random records (the id keys and others, nested objects, strings with
   * escapes, whitespace, numbers), serialised compactly, with spaces, or with every key's letters escaped, the
   * test passes every line where a top-level id key's value, as Jackson reads it, holds one of the ids; and it
   * is tighter than the token test it replaced (it never passes a line that test refuses).
   */
  @Test
  void passesEveryLineWhoseParsedIdsHoldAnId() throws Exception {
    Random rnd = new Random(42);
    int held = 0;
    int refusedByTokensOnly = 0;
    for (int round = 0; round < 3000; round++) {
      List<String> pool = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        pool.add(word(rnd, 3 + rnd.nextInt(4)));
      }
      IdSet ids = new IdSet(pool.subList(0, 2));
      ObjectNode record = record(rnd, pool, 0);
      String line = serialise(rnd, record);
      JsonNode parsed = JSON.readTree(line);
      boolean expected = false;
      for (String key : READ_KEYS) {
        JsonNode v = parsed.get(key);
        if (v != null && v.isValueNode()) {
          byte[] value = v.asText().getBytes(StandardCharsets.UTF_8);
          expected |= ids.containsToken(value, 0, value.length);
        }
      }
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      boolean got = IdFields.hold(ids, b, 0, b.length);
      assertThat(got || !expected).as("ids %s in %s", pool.subList(0, 2), line).isTrue();
      boolean tokens = ids.containsToken(b, 0, b.length);
      assertThat(!got || tokens).as("passed by fields, not by tokens: %s", line).isTrue();
      held += expected ? 1 : 0;
      refusedByTokensOnly += tokens && !got ? 1 : 0;
    }
    assertThat(held).as("records whose ids hold an id").isGreaterThan(300);
    assertThat(refusedByTokensOnly).as("lines only the token test passed (an id elsewhere)").isGreaterThan(100);
  }

  private static ObjectNode record(Random rnd, List<String> pool, int depth) {
    ObjectNode o = JSON.createObjectNode();
    List<String> keys = new ArrayList<>(READ_KEYS);
    keys.addAll(List.of("body", "subreddit_id", "permalink", "paid", "Id", "ids"));
    for (int i = rnd.nextInt(6); i >= 0; i--) {
      String key = keys.get(rnd.nextInt(keys.size()));
      int kind = rnd.nextInt(depth < 2 ? 6 : 5);
      switch (kind) {
        case 0 -> o.put(key, pool.get(rnd.nextInt(pool.size())));
        case 1 -> o.put(key, "t3_" + pool.get(rnd.nextInt(pool.size())));
        case 2 -> o.put(key, "say \"" + pool.get(rnd.nextInt(pool.size())) + "\"\n\\ é " + word(rnd, 3));
        case 3 -> o.put(key, rnd.nextInt(100));
        case 4 -> o.putNull(key);
        default -> o.set(key, record(rnd, pool, depth + 1));
      }
    }
    return o;
  }

  /** Compact, with spaces around the separators, or with the letters of every key escaped. */
  private static String serialise(Random rnd, ObjectNode record) throws Exception {
    String compact = JSON.writeValueAsString(record);
    return switch (rnd.nextInt(4)) {
      case 0 -> compact.replace("\":", "\" : ").replace(",\"", ", \"");
      case 1 -> rnd.nextBoolean() ? compact.replace("_id\":", "\\u005fid\":") : compact.replace("é", "\\u00e9");
      default -> compact;
    };
  }

  private static String word(Random rnd, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append("abc19"/* few letters: ids collide with other values */.charAt(rnd.nextInt(5)));
    }
    return s.toString();
  }
}
