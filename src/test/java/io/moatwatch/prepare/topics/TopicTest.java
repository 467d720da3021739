package io.moatwatch.prepare.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one-pattern-per-topic alias matching against the plain definition: a pattern per alias. */
class TopicTest {
  private static final List<String> ALIASES = List.of("tiny", "tiny box", "tinybox", "box", "go go", "rocm", "cu-da");
  private static final List<Pattern> EXCLUSIONS = List.of(Pattern.compile("(?i)tiny(?= box)"),
      Pattern.compile("^go go"), Pattern.compile("(?i)box office"));

  @Test
  void theLongestAliasAtAPositionIsTheOneAnExclusionIsCheckedAgainst() {
    Topic t = new Topic("t", List.of(Topic.aliasPattern(List.of("tiny", "tiny box"), false)),
        List.of(Pattern.compile("(?i)tiny(?= box)")));
    // "tiny" alone is excluded here, "tiny box" is not: the topic is mentioned
    assertThat(t.mentionedIn("a Tiny Box arrived")).isTrue();
    assertThat(t.mentionedIn("a tiny cat")).isTrue();
  }

  @Test
  void aMentionOverlappingAnExcludedOneStillCounts() {
    Topic t = new Topic("t", List.of(Topic.aliasPattern(List.of("go go"), false)), List.of(Pattern.compile("^go go")));
    assertThat(t.mentionedIn("go go")).isFalse();
    assertThat(t.mentionedIn("go go go")).isTrue(); // the second "go go" starts inside the excluded first one
  }

  @Test
  void aliasesSplitOnHyphensAndSpacesWhereverTheyAre() {
    Topic t = new Topic("t", List.of(Topic.aliasPattern(List.of("-cu -da-", " "), false)), List.of());
    assertThat(t.mentionedIn("we use CU-DA daily")).isTrue();
    assertThat(t.mentionedIn("we use cuda")).isTrue();
    assertThat(t.mentionedIn("barracuda")).isFalse();
  }

  @Test
  void oneCombinedPatternAgreesWithOnePatternPerAliasOnRandomTexts() {
    Topic combined = new Topic("c", List.of(Topic.aliasPattern(ALIASES, false)), EXCLUSIONS);
    List<Pattern> each = new ArrayList<>();
    ALIASES.forEach(a -> each.add(Topic.aliasPattern(List.of(a), false)));
    Topic perAlias = new Topic("p", each, EXCLUSIONS);
    // Pieces that sit at the edges of the aliases: letters that extend a word, digits, CJK, separators, case.
    String[] pieces = {"tiny", "TINY", "box", "Box", "go", "rocm", "ROCm", "cu", "da", "-", " ", "  ", "x", "1", "_",
        "的", "office", "es", "é"};
    Random random = new Random(7);
    int mentioned = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(8); n >= 0; n--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = text.toString();
      boolean expected = perAlias.mentionedIn(s);
      assertThat(combined.mentionedIn(s)).as("'%s'", s).isEqualTo(expected);
      mentioned += expected ? 1 : 0;
    }
    assertThat(mentioned).as("texts with a mention").isBetween(2_000, 18_000);
  }
}
