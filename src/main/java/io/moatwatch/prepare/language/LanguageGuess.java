package io.moatwatch.prepare.language;



/**
 * What {@link LanguageDetector} decided about one text.
 *
 * @param language ISO 639-1 code ({@code en}, {@code de}, {@code zh} ...), or {@link LanguageDetector#UNDETERMINED}
 *                 when the text is too short or too mixed to tell
 * @param evidence a short human-readable reason (script shares or stop-word counts), for the skip reason
 */
public record LanguageGuess(String language, String evidence) {

  /** True unless the text is confidently in another language: undetermined text is given the benefit of doubt. */
  public boolean englishOrUndetermined() {
    return LanguageDetector.ENGLISH.equals(language) || LanguageDetector.UNDETERMINED.equals(language);
  }
}
