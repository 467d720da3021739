package io.moatwatch.read.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
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

  /**
   * The probing scan against the plain one it replaced (every token of ASCII letters and digits, looked up):
   * random ids of 1 to 9 characters and random lines of ids, words, delimiters and UTF-8, whole and in parts.
   */
  @Test
  void probingFindsWhatReadingEveryTokenFinds() {
    Random rnd = new Random(16);
    String alphabet = "ab1_ \":,é—";
    int agreedTrue = 0;
    for (int round = 0; round < 300; round++) {
      Set<String> ids = new HashSet<>();
      int minLength = 1 + rnd.nextInt(5);
      for (int i = rnd.nextInt(6); i >= 0; i--) {
        ids.add(random(rnd, "ab1", minLength + rnd.nextInt(5)));
      }
      IdSet set = new IdSet(ids);
      for (int line = 0; line < 40; line++) {
        byte[] b = random(rnd, alphabet, rnd.nextInt(60)).getBytes(StandardCharsets.UTF_8);
        int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
        int to = from + rnd.nextInt(b.length - from + 1);
        boolean expected = readingEveryToken(ids, b, from, to);
        assertThat(set.containsToken(b, from, to)).as("ids %s in '%s' [%d, %d)", ids,
            new String(b, StandardCharsets.UTF_8), from, to).isEqualTo(expected);
        agreedTrue += expected ? 1 : 0;
      }
    }
    assertThat(agreedTrue).as("lines holding an id").isGreaterThan(300);
  }

  @Test
  void noIdsPassNothing() {
    assertThat(has(new IdSet(Set.of()), "{\"id\":\"abc\"}")).isFalse();
  }

  private static String random(Random rnd, String alphabet, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** The oracle: every maximal run of ASCII letters and digits of the bytes, looked up among the ids' runs. */
  private static boolean readingEveryToken(Set<String> ids, byte[] b, int from, int to) {
    Set<String> runs = new HashSet<>();
    ids.forEach(id -> runs.addAll(Arrays.asList(id.split("[^0-9A-Za-z]+"))));
    String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    return Arrays.stream(text.split("[^0-9A-Za-z]+")).anyMatch(t -> !t.isEmpty() && runs.contains(t));
  }
}
