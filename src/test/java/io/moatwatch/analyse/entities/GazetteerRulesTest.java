package io.moatwatch.analyse.entities;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RegexNER mapping text, and what CoreNLP's own TokensRegexNER annotator matches with it (tokenizer, splitter
 * and regexner only: no statistical models, so this runs in a second).
 */
class GazetteerRulesTest {
  private static final String GAZETTEER = """
      AMD | ORGANIZATION | AMD, Team Red
      HIP | SOFTWARE | =HIP
      llama.cpp | SOFTWARE | llama.cpp
      H100 | HARDWARE | H100
      """;
  private static StanfordCoreNLP regexner;

  @BeforeAll
  static void pipeline(@TempDir Path dir) throws Exception {
    regexner = regexner(GAZETTEER, dir);
  }

  /** CoreNLP's tokenizer, splitter and regexner reading {@code gazetteer}'s two mappings from files in {@code dir}. */
  private static StanfordCoreNLP regexner(String gazetteer, Path dir) throws Exception {
    GazetteerRules.Mapping mapping = GazetteerRules.mapping(GazetteerFile.parse(gazetteer, "t"));
    Path caseless = Files.writeString(Files.createTempFile(dir, "caseless", ".tsv"), mapping.caseless());
    Path exact = Files.writeString(Files.createTempFile(dir, "exact", ".tsv"), mapping.exactCase());
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit,regexner");
    p.setProperty("enforceRequirements", "false");
    p.setProperty("tokenize.options", "splitHyphenated=false,invertible");
    p.setProperty("regexner.mapping", GazetteerRules.Mapping.property(caseless.toString(), exact.toString()));
    p.setProperty("regexner.mapping.header", GazetteerRules.HEADER);
    return new StanfordCoreNLP(p);
  }

  /** The canonical name of each token the mappings tagged, "-" for the others. */
  private static List<String> tagged(String text) {
    return tagged(regexner, text);
  }

  private static List<String> tagged(StanfordCoreNLP regexner, String text) {
    Annotation a = new Annotation(text);
    regexner.annotate(a);
    List<String> out = new ArrayList<>();
    for (CoreLabel t : a.get(CoreAnnotations.TokensAnnotation.class)) {
      out.add(t.ner() == null || t.ner().equals("O") ? "-" : t.get(CoreAnnotations.NormalizedNamedEntityTagAnnotation.class));
    }
    return out;
  }

  @Test
  void aliasesAreSplitAsCoreNlpTokenizes() {
    assertThat(GazetteerRules.tokens("Dr. Su")).containsExactly("Dr.", "Su");
    assertThat(GazetteerRules.tokens("Team Red's")).containsExactly("Team", "Red", "'s");
    assertThat(GazetteerRules.tokens("llama.cpp")).containsExactly("llama.cpp");
    // NER sees hyphenated words whole, whatever the tokenizer did (see GazetteerRules.tokens)
    assertThat(GazetteerRules.tokens("Mr. Leather-Jacket")).containsExactly("Mr.", "Leather-Jacket");
  }

  @Test
  void tokensAreLiteralWhereTheyCanBeAndPluralsAreTheirOwnPatterns() {
    assertThat(GazetteerRules.patterns("Team Red")).containsExactly("Team Red", "Team Reds", "Team Redes");
    assertThat(GazetteerRules.patterns("llama.cpp")).containsExactly("llama\\.cpp(?:s|es)?");
    assertThat(GazetteerRules.patterns("C++")).as("no plural after a symbol").containsExactly("C\\+\\+");
  }

  @Test
  void mappingsSplitByCaseWithEachAliasBeforeAnyPlural() throws Exception {
    GazetteerRules.Mapping mapping = GazetteerRules.mapping(GazetteerFile.parse(GAZETTEER, "t"));
    List<String> lines = mapping.caseless().lines().toList();
    int columns = GazetteerRules.HEADER.split(",").length;
    for (String line : lines) {
      assertThat(line.split("\t")).hasSize(columns);
    }
    assertThat(lines.stream().map(l -> l.split("\t")[0]).toList()).containsExactly("AMD", "Team Red", "llama\\.cpp(?:s|es)?",
        "H100", "AMDs", "AMDes", "Team Reds", "Team Redes", "H100s", "H100es");
    assertThat(lines.get(1).split("\t")).containsExactly("Team Red", "ORGANIZATION", "AMD", GazetteerRules.OVERWRITE,
        "1.0");
    assertThat(mapping.exactCase().lines().map(l -> l.split("\t")[0]).toList()).containsExactly("HIP", "HIPs", "HIPes");
  }

  @Test
  void coreNlpMatchesCaselessAliasesInAnyCaseAndExactOnesAsWritten() {
    assertThat(tagged("team RED and amd")).containsExactly("AMD", "AMD", "-", "AMD");
    assertThat(tagged("HIP and hip")).containsExactly("HIP", "-", "-");
    assertThat(tagged("four h100s")).containsExactly("-", "H100");
    assertThat(tagged("LLAMA.CPP or llamaXcpp")).containsExactly("llama.cpp", "-", "-");
  }

  @Test
  void aGazetteerWithoutExactCaseAliasesLeavesThatMappingEmptyAndStillRuns(@TempDir Path dir) throws Exception {
    String gazetteer = "AMD | ORGANIZATION | AMD, Team Red\n";
    assertThat(GazetteerRules.mapping(GazetteerFile.parse(gazetteer, "t")).exactCase()).isEmpty();
    assertThat(tagged(regexner(gazetteer, dir), "Team Red shipped")).containsExactly("AMD", "AMD", "-");
  }
}
