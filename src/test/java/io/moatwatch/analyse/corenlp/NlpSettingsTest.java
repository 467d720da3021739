package io.moatwatch.analyse.corenlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moatwatch.analyse.entities.Gazetteer;
import io.moatwatch.analyse.entities.NameRules;
import io.moatwatch.config.NlpStage.Dates;
import io.moatwatch.config.NlpStage.NerClasses;
import io.moatwatch.config.NlpStage.Parser;
import org.junit.jupiter.api.Test;

class NlpSettingsTest {
  @Test
  void settingsSignatureNamesWhatChangesResults() {
    assertThat(NlpSettings.DEFAULTS.signature())
        .matches("corenlp-4\\.5\\.10/sr/maxlen=80/ner=coarse/sutime=off/gaz=[0-9a-f]{8}/ents=3-[0-9a-f]{8}/sents=200")
        .endsWith("/gaz=" + NlpSettings.DEFAULTS.gazetteer().fingerprint() + "/ents=3-" + NameRules.fingerprint()
            + "/sents=200");
    assertThat(new NlpSettings(Parser.PCFG, 40, NerClasses.FINE, Dates.SUTIME, Gazetteer.EMPTY, 50)
        .signature()).isEqualTo("corenlp-4.5.10/pcfg/maxlen=40/ner=fine/sutime=on/gaz=none/ents=3-"
            + NameRules.fingerprint() + "/sents=50");
    assertThatThrownBy(() -> new NlpSettings(Parser.SR, 80, NerClasses.COARSE, Dates.OFF, Gazetteer.EMPTY, 0))
        .hasMessage("sentence budget must be at least 1, got 0");
  }
}
