package io.moatwatch.language;

import java.io.Serializable;
import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells English posts from the rest, so that CoreNLP's English models only score English. Pure, small and
 * deterministic, tuned for developer forums, where the text left after cleaning is short and full of product
 * names and identifiers:
 *
 * <ol>
 *   <li>By script: when most letters are not Latin, the script decides (kana: {@code ja}, Hangul: {@code ko},
 *       Han: {@code zh}, Cyrillic: {@code ru} or {@code uk}, Arabic, Hebrew, Greek, Devanagari, Thai ...).
 *   <li>Latin text: how many distinct frequent function words ("stop words") of English and twelve other
 *       languages it uses, the lists written to avoid words English shares. Another language wins only with at least
 *       {@value #MIN_HITS} hits and at least twice English's count.
 * </ol>
 *
 * <p>Anything else (too few letters or words, a tie, code and names only) is {@link #UNDETERMINED}, which the
 * job treats as English: a short "ROCm 6.2 works on my 7900 XTX" must not be lost. What this cannot do: tell
 * languages apart inside one script beyond the lists below, or catch a post written in English words of
 * another language's grammar.
 */
public final class LanguageDetector implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ENGLISH = "en";
  public static final String UNDETERMINED = "und";
  /** Fewer letters than this and the script share is not trusted. */
  static final int MIN_LETTERS = 12;
  /** A non-English stop-word language needs at least this many hits. */
  static final int MIN_HITS = 3;

  /** A word of letters not glued to digits or underscores (so the "e" in a commit hash is no word). */
  private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\p{N}_'])[\\p{L}']+(?![\\p{L}\\p{N}_'])");

  /** Function words per language; English's list is the reference the others must beat. */
  private static final Map<String, Set<String>> STOP_WORDS = new LinkedHashMap<>();

  static {
    STOP_WORDS.put(ENGLISH, Set.of("the", "and", "is", "are", "was", "were", "to", "of", "it", "that", "this",
        "with", "for", "not", "but", "have", "has", "be", "on", "at", "you", "i", "we", "they", "my", "just", "so",
        "if", "can", "what", "from", "an", "or", "will", "would", "there", "their", "than", "then", "been", "do",
        "does", "don't", "it's", "i'm", "which", "about", "when", "how", "all", "your", "our", "get", "any",
        "no", "a", "in", "by", "as", "should", "could", "also", "still", "only", "much", "more", "why"));
    STOP_WORDS.put("de", Set.of("der", "die", "und", "ist", "nicht", "das", "ich", "ein", "eine", "mit", "auf",
        "für", "sich", "auch", "es", "zu", "den", "dem", "von", "wir", "sie", "aber", "noch", "wie", "kann",
        "wird", "sind", "oder", "wenn", "nur", "bei", "mir", "mich", "habe", "schon", "sehr", "dass", "jetzt"));
    STOP_WORDS.put("fr", Set.of("le", "la", "les", "des", "est", "et", "une", "du", "que", "qui", "pas", "pour",
        "dans", "sur", "avec", "ce", "je", "il", "nous", "vous", "sont", "mais", "très", "aussi", "plus", "c'est",
        "n'est", "j'ai", "cette", "ça", "au", "aux", "ou", "être", "fait", "leur", "peut"));
    STOP_WORDS.put("es", Set.of("el", "la", "los", "las", "de", "que", "y", "en", "es", "por", "para", "con",
        "una", "del", "pero", "muy", "también", "lo", "se", "su", "como", "más", "está", "hay", "al", "yo",
        "tengo", "puede", "sin", "porque", "esto", "este", "esta", "cuando", "sobre"));
    STOP_WORDS.put("pt", Set.of("o", "os", "as", "de", "que", "e", "não", "um", "uma", "para", "com", "por", "é",
        "mais", "mas", "muito", "também", "está", "isso", "você", "dos", "das", "ao", "na", "em", "eu", "tem",
        "foi", "seu", "sua", "quando", "mesmo", "ainda", "pelo", "pela"));
    STOP_WORDS.put("it", Set.of("il", "lo", "la", "che", "e", "di", "non", "un", "una", "per", "con", "sono",
        "è", "del", "della", "anche", "ma", "più", "molto", "questo", "come", "ho", "gli", "nel", "alla", "sul",
        "perché", "quando", "ancora", "essere", "tutto", "dei"));
    STOP_WORDS.put("nl", Set.of("de", "het", "een", "en", "van", "niet", "dat", "die", "op", "te", "voor",
        "met", "zijn", "ook", "maar", "wel", "nog", "ik", "je", "naar", "dit", "bij", "heb", "wordt", "kan", "er",
        "geen", "wat", "deze", "hebben"));
    STOP_WORDS.put("pl", Set.of("nie", "się", "jest", "że", "na", "w", "z", "do", "jak", "ale", "tak", "czy",
        "już", "co", "jestem", "być", "tylko", "oraz", "przez", "dla", "jego", "może", "bardzo", "który", "które"));
    STOP_WORDS.put("tr", Set.of("ve", "bir", "bu", "için", "ile", "da", "de", "çok", "ama", "gibi", "daha",
        "ne", "olarak", "var", "yok", "değil", "ben", "sen", "şu", "mı", "mi", "olan", "kadar"));
    STOP_WORDS.put("sv", Set.of("och", "att", "det", "som", "är", "på", "för", "med", "inte", "jag", "har",
        "den", "av", "till", "kan", "men", "om", "ett", "vi", "var", "mycket", "också"));
    STOP_WORDS.put("id", Set.of("yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "ada",
        "saya", "akan", "juga", "sudah", "bisa", "karena", "atau", "dalam", "kami", "lebih"));
    STOP_WORDS.put("vi", Set.of("và", "của", "là", "có", "không", "được", "cho", "này", "với", "một", "các",
        "những", "để", "trong", "khi", "tôi", "đã"));
    STOP_WORDS.put("cs", Set.of("je", "se", "na", "že", "to", "jsem", "ale", "jak", "tak", "pro", "jsou",
        "není", "jako", "bylo", "také", "když", "nebo"));
  }

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
    return byStopWords(text);
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

  private static LanguageGuess byStopWords(String text) {
    // Distinct stop words, not occurrences: a refrain ("la la la la") or a name repeated is one piece of evidence.
    Set<String> seen = new java.util.HashSet<>();
    int words = 0;
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('’', '\''));
    while (m.find()) {
      seen.add(m.group());
      words++;
    }
    Map<String, Integer> hits = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> e : STOP_WORDS.entrySet()) {
      int n = 0;
      for (String w : e.getValue()) {
        n += seen.contains(w) ? 1 : 0;
      }
      hits.put(e.getKey(), n);
    }
    int english = hits.get(ENGLISH);
    String best = ENGLISH;
    for (Map.Entry<String, Integer> e : hits.entrySet()) {
      if (e.getValue() > hits.get(best)) {
        best = e.getKey();
      }
    }
    int top = hits.get(best);
    String evidence = "stop words: " + best + " " + top + (best.equals(ENGLISH) ? "" : ", en " + english)
        + " of " + words + " words";
    if (!best.equals(ENGLISH) && top >= MIN_HITS && top >= 2 * english) {
      return new LanguageGuess(best, evidence);
    }
    if (english > 0 && english >= top) {
      return new LanguageGuess(ENGLISH, evidence);
    }
    return new LanguageGuess(UNDETERMINED, evidence);
  }
}
