package io.moatwatch.analyse.corenlp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moatwatch.config.NlpStage.Dates;
import io.moatwatch.config.NlpStage.NerClasses;
import io.moatwatch.config.NlpStage.Parser;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The models check on a class loader that has no models (a fresh cluster without --jars). */
class ModelCheckTest {

  @Test
  void missingModelsAreNamedWithTheJarThatHoldsThem() {
    Thread t = Thread.currentThread();
    ClassLoader old = t.getContextClassLoader();
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      t.setContextClassLoader(empty);
      assertThatThrownBy(() -> CoreNlpAnalyzer.checkModels(NlpSettings.DEFAULTS))
          .isInstanceOf(ModelMissingException.class)
          .hasMessageContaining("edu/stanford/nlp/models/srparser/englishSR.ser.gz (in"
              + " stanford-corenlp-4.5.10-models-english.jar or moatwatch's trimmed models jar)")
          .hasMessageContaining("sentiment.ser.gz (in stanford-corenlp-4.5.10-models.jar or moatwatch's trimmed"
              + " models jar)")
          .hasMessageContaining("english.muc.7class.distsim.crf.ser.gz")
          .hasMessageContaining("spark-submit --jars")
          .hasMessageNotContaining("regexner_caseless.tab");
      NlpSettings fine = new NlpSettings(Parser.SR, 80, NerClasses.FINE, Dates.OFF, NlpSettings.DEFAULTS.gazetteer());
      assertThatThrownBy(() -> CoreNlpAnalyzer.checkModels(fine))
          .hasMessageContaining("edu/stanford/nlp/models/kbp/english/gazetteers/regexner_caseless.tab (in"
              + " stanford-corenlp-4.5.10-models.jar)");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } finally {
      t.setContextClassLoader(old);
    }
  }
}
