package io.moatwatch.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The second pass's id test: whole tokens of ASCII letters and digits, on a line's raw UTF-8 bytes. */
class IdSetTest {

  private static boolean has(IdSet ids, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return ids.containsToken(b, 0, b.length);
  }

  @Test
  void idsMatchAsWholeTokens() {
    IdSet ids = new IdSet(java.util.Set.of("abc12", "8863"));
    assertThat(has(ids, "{\"link_id\":\"t3_abc12\",\"body\":\"x\"}")).isTrue();
    assertThat(has(ids, "{\"parent\": 8863, \"id\": 9000}")).isTrue();
    assertThat(has(ids, "{\"author\":\"user_abc123\",\"score\":188630}")).isFalse();
    assertThat(has(ids, "{\"author\":\"ABC12\"}")).isFalse(); // exact case
  }

  @Test
  void idsAreTokensOfAsciiLettersAndDigitsInTheRawBytes() {
    IdSet ids = new IdSet(java.util.Set.of("abc12", "x_9"));
    assertThat(has(ids, "{\"body\":\"see abc12\u2014this\"}")).isTrue(); // a dash after it, raw UTF-8
    assertThat(has(ids, "{\"body\":\"\u00e9abc12\"}")).isTrue(); // a non-ASCII letter: passes (sound)
    assertThat(has(ids, "{\"body\":\"abc123 abc1\"}")).isFalse();
    assertThat(has(ids, "{\"id\":\"x_9\"}")).isTrue(); // an id with other characters: each of its runs
    assertThat(has(new IdSet(java.util.Set.of("--")), "{}")).isTrue(); // no run at all: everything
  }
}
