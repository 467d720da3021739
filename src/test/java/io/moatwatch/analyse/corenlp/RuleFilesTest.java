package io.moatwatch.analyse.corenlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.analyse.entities.Gazetteer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules files CoreNLP reads are gone once the pipeline built from them exists, and the pipeline still applies
 * them (CoreNLP read them while building its annotators). The real gazetteer and name rules, no statistical model.
 */
class RuleFilesTest {

  @Test
  void theFilesAreDeletedOnCloseAndThePipelineBuiltFromThemStillNamesCards() {
    NameFinder finder;
    List<Path> files;
    try (RuleFiles rules = new RuleFiles()) {
      finder = new NameFinder(NlpSettings.DEFAULTS.rulesOnlyProperties(rules.gazetteer(NlpSettings.DEFAULTS),
          rules.nameRules()));
      files = rules.files();
      assertThat(files).hasSize(3).allMatch(Files::isRegularFile);
      assertThat(files.get(2).getFileName().toString()).startsWith("moatwatch-name-rules-");
    }
    assertThat(files).noneMatch(Files::exists);
    assertThat(finder.find("my 7900xtx on rocm 6.2").stream().map(EntityMention::canonical))
        .contains("RX 7900 XTX");
  }

  @Test
  void withoutAGazetteerOnlyTheNameRulesAreWritten() {
    NlpSettings d = NlpSettings.DEFAULTS;
    NlpSettings none = new NlpSettings(d.parser(), d.maxSentenceTokens(), d.ner(), d.dates(), Gazetteer.EMPTY);
    try (RuleFiles rules = new RuleFiles()) {
      assertThat(rules.gazetteer(none)).isNull();
      rules.nameRules();
      assertThat(rules.files()).hasSize(1);
    }
  }
}
