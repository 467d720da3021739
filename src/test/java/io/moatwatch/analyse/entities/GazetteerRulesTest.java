package io.moatwatch.analyse.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The RegexNER mapping text; uses CoreNLP's tokenizer (no models), as the real pipeline does. */
class GazetteerRulesTest {

  @Test
  void aliasesAreSplitAsCoreNlpTokenizes() {
    assertThat(GazetteerRules.tokens("Dr. Su")).containsExactly("Dr.", "Su");
    assertThat(GazetteerRules.tokens("Team Red's")).containsExactly("Team", "Red", "'s");
    assertThat(GazetteerRules.tokens("llama.cpp")).containsExactly("llama.cpp");
    // NER sees hyphenated words whole, whatever the tokenizer did (see GazetteerRules.tokens)
    assertThat(GazetteerRules.tokens("Mr. Leather-Jacket")).containsExactly("Mr.", "Leather-Jacket");
  }

  @Test
  void tokensMatchInAnyCaseUnlessExactAndTakeAPlural() {
    String[] tokens = GazetteerRules.pattern("Team Red", false).split(" ");
    assertThat(tokens).containsExactly("(?iu)Team", "(?iu)Red(?:s|es)?");
    assertThat(Pattern.compile(tokens[0]).matcher("TEAM").matches()).isTrue();
    String[] h100 = GazetteerRules.pattern("H100", false).split(" ");
    assertThat(Pattern.compile(h100[0]).matcher("h100s").matches()).isTrue();
    String hip = GazetteerRules.pattern("HIP", true);
    assertThat(Pattern.compile(hip).matcher("HIP").matches()).isTrue();
    assertThat(Pattern.compile(hip).matcher("hip").matches()).isFalse();
    String dotted = GazetteerRules.pattern("llama.cpp", false);
    assertThat(Pattern.compile(dotted).matcher("llama.cpp").matches()).isTrue();
    assertThat(Pattern.compile(dotted).matcher("llamaXcpp").matches()).as("the dot is literal").isFalse();
  }

  @Test
  void mappingHasOneLinePerAliasWithTheHeaderColumns() throws Exception {
    String mapping = GazetteerRules.mapping(GazetteerFile.parse("AMD | ORGANIZATION | AMD, Team Red\n", "t"));
    List<String> lines = mapping.lines().toList();
    assertThat(lines).hasSize(2);
    int columns = GazetteerRules.HEADER.split(",").length;
    for (String line : lines) {
      assertThat(line.split("\t")).hasSize(columns);
    }
    assertThat(lines.get(1).split("\t")).containsExactly("(?iu)Team (?iu)Red(?:s|es)?", "ORGANIZATION", "AMD",
        GazetteerRules.OVERWRITE, "1.0");
  }
}
