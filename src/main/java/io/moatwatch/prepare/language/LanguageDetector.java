package io.moatwatch.prepare.language;

import java.io.Serializable;
import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.langdetect.Language;

/**
 * Tells English posts from the rest, so that CoreNLP's English models only score English. Tuned for developer
 * forums, where the text left after cleaning is short and full of product names and identifiers:
 *
 * <ol>
 *   <li>By script: when most letters are not Latin, the script decides (kana: {@code ja}, Hangul: {@code ko},
 *       Han: {@code zh}, Cyrillic: {@code ru} or {@code uk}, Arabic, Hebrew, Greek, Devanagari, Thai ...).
 *   <li>Latin text: Apache OpenNLP's language detector with its langdetect-183 model (103 languages,
 *       {@link LanguageModel}). Another language wins only when the model finds it at least
 *       {@code e^}{@value #MIN_LOG_RATIO} (1.8) times as likely as English: on the labelled English sets' tuning
 *       splits the largest such ratio for an English text is e^0.46 (a German compiler message inside it), on
 *       the probe sentences in 22 other languages the smallest is e^1.48, and short replies ("Danke,
 *       funktioniert jetzt!") lie between e^0.37 and e^1.6 (QUALITY.md, {@code jobs/evaluate-language.sh}).
 * </ol>
 *
 * <p>Anything else (too few letters, the model not sure enough) is {@link #UNDETERMINED}, which the job treats
 * as English: a short "ROCm 6.2 works on my 7900 XTX" must not be lost. What this cannot do: catch a post
 * written in English words of another language's grammar, or tell Bosnian from Croatian reliably.
 */
public final class LanguageDetector implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ENGLISH = "en";
  public static final String UNDETERMINED = "und";
  /** Fewer letters than this and the script share is not trusted. */
  static final int MIN_LETTERS = 12;
  /** How much likelier than English (as a natural log) another language must be to be called. */
  static final double MIN_LOG_RATIO = 0.6;

  /** Guesses the language of {@code text} (already cleaned: no code, URLs or quotes). */
  public LanguageGuess detect(String text) {
    Map<UnicodeScript, Integer> scripts = new EnumMap<>(UnicodeScript.class);
    int letters = 0;
    boolean ukrainianLetters = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      letters++;
      scripts.merge(UnicodeScript.of(cp), 1, Integer::sum);
      ukrainianLetters |= cp == 'і' || cp == 'ї' || cp == 'є' || cp == 'ґ';
    }
    if (letters < MIN_LETTERS) {
      return new LanguageGuess(UNDETERMINED, "too few letters (" + letters + ")");
    }
    int latin = scripts.getOrDefault(UnicodeScript.LATIN, 0);
    if (latin * 2 < letters) {
      return byScript(scripts, letters, ukrainianLetters);
    }
    return byModel(text);
  }

  private static LanguageGuess byScript(Map<UnicodeScript, Integer> scripts, int letters, boolean ukrainian) {
    int kana = scripts.getOrDefault(UnicodeScript.HIRAGANA, 0) + scripts.getOrDefault(UnicodeScript.KATAKANA, 0);
    UnicodeScript top = scripts.entrySet().stream()
        .filter(e -> e.getKey() != UnicodeScript.LATIN)
        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    int share = Math.round(100f * scripts.get(top) / letters);
    String language;
    if (kana > 0 && (top == UnicodeScript.HAN || top == UnicodeScript.HIRAGANA || top == UnicodeScript.KATAKANA)) {
      language = "ja";
    } else {
      language = switch (top) {
        case HAN -> "zh";
        case HANGUL -> "ko";
        case CYRILLIC -> ukrainian ? "uk" : "ru";
        case ARABIC -> "ar";
        case HEBREW -> "he";
        case GREEK -> "el";
        case DEVANAGARI -> "hi";
        case THAI -> "th";
        case BENGALI -> "bn";
        case TAMIL -> "ta";
        case GEORGIAN -> "ka";
        case ARMENIAN -> "hy";
        default -> "x-" + top.name().toLowerCase(Locale.ROOT);
      };
    }
    return new LanguageGuess(language, top.name().toLowerCase(Locale.ROOT) + " script, " + share + "% of letters");
  }

  private static LanguageGuess byModel(String text) {
    Language[] ranked = LanguageModel.detector().predictLanguages(text);
    Language top = ranked[0];
    double english = 0;
    for (Language l : ranked) {
      if (l.getLang().equals("eng")) {
        english = l.getConfidence();
        break;
      }
    }
    String code = LanguageModel.iso639_1(top.getLang());
    if (code.equals(ENGLISH)) {
      return new LanguageGuess(ENGLISH, String.format(Locale.ROOT, "%s: eng %.3f", LanguageModel.NAME,
          top.getConfidence()));
    }
    double logRatio = Math.log(top.getConfidence() / Math.max(english, 1e-12));
    String evidence = String.format(Locale.ROOT, "%s: %s %.3f, eng %.3f", LanguageModel.NAME, top.getLang(),
        top.getConfidence(), english);
    return new LanguageGuess(logRatio >= MIN_LOG_RATIO ? code : UNDETERMINED, evidence);
  }
}
