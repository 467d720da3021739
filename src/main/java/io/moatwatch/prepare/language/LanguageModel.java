package io.moatwatch.prepare.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * The one place that owns the language-identification model: Apache OpenNLP's langdetect-183 (from the
 * {@code org.apache.opennlp:opennlp-models-langdetect} jar on Maven Central), loaded once per JVM on first
 * use (about 0.5 s, 10 MB on disk). The model is thread-safe; its detector is not, so each thread has its own.
 */
final class LanguageModel {
  /** How results name the model in their evidence. */
  static final String NAME = "opennlp langdetect-183";
  private static final String RESOURCE = "/langdetect-183.bin";

  /** OpenNLP's ISO 639-3 codes that are not the ISO 639-2 code Java's locales know for a 639-1 language. */
  private static final Map<String, String> MACRO = Map.of("cmn", "zh", "ekk", "et", "lvs", "lv", "zsm", "ms",
      "pes", "fa", "arb", "ar", "swh", "sw", "azj", "az", "uzn", "uz", "khk", "mn");
  private static final Map<String, String> ISO3_TO_1 = new HashMap<>();

  static {
    for (String two : Locale.getISOLanguages()) {
      try {
        ISO3_TO_1.putIfAbsent(new Locale(two).getISO3Language(), two);
      } catch (MissingResourceException e) {
        // a language Java knows no three-letter code for: OpenNLP cannot name it either
      }
    }
    ISO3_TO_1.putAll(MACRO);
  }

  private LanguageModel() {}

  private static final class Holder {
    static final LanguageDetectorModel MODEL = load();

    private static LanguageDetectorModel load() {
      try (InputStream in = LanguageModel.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the language model " + RESOURCE + " is missing from the classpath"
              + " (it comes from org.apache.opennlp:opennlp-models-langdetect, shaded into the job's jar)");
        }
        return new LanguageDetectorModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the language model " + RESOURCE, e);
      }
    }
  }

  private static final ThreadLocal<LanguageDetectorME> DETECTOR =
      ThreadLocal.withInitial(() -> new LanguageDetectorME(Holder.MODEL));

  /** This thread's detector. */
  static LanguageDetectorME detector() {
    return DETECTOR.get();
  }

  /** The ISO 639-1 code of an ISO 639-3 code where there is one ({@code nld} to {@code nl}), else the code itself. */
  static String iso639_1(String iso3) {
    return ISO3_TO_1.getOrDefault(iso3, iso3);
  }
}
