package io.moatwatch.analyse.entities;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import io.moatwatch.analyse.corenlp.CoreNlpAnalyzer;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a {@link Gazetteer} into CoreNLP TokensRegexNER mappings, which the {@code ner} annotator applies after its
 * statistical models ({@code ner.additional.regexner.mapping}). Columns, tab-separated, as declared by
 * {@link #HEADER}: token patterns, the entity type, the canonical name (CoreNLP's normalized NER tag, which keeps
 * adjacent entities apart and which {@link CoreNlpAnalyzer} reports as {@code canonical}), the stock NER types a
 * rule may overwrite, and a priority.
 *
 * <p>Each alias is split into tokens by the same PTB tokenizer the pipeline uses, so "Dr. Su" or "llama.cpp" match
 * however CoreNLP tokenizes them, and the last token may take a plural {@code s} or {@code es} ("H100s",
 * "tinyboxes"). Tokens are written as literal strings wherever they can be: TokensRegex indexes a pattern by its
 * literal tokens and tries it only on sentences holding one, while a pattern made only of regular expressions is
 * tried at every token of every sentence (with every alias written as a case-insensitive regular expression the
 * gazetteer cost 20 s of NER's 28 s on the benchmark corpus; 2026-12-06, BENCHMARKS.md). So there are two mappings,
 * case-insensitive aliases in one read with {@code ignorecase=true} and exact-case aliases in the other
 * ({@link Mapping#property}), each alias once and then its plural forms, and only a token with a regular
 * expression's special characters ({@code llama.cpp}) is written as an escaped regular expression.
 */
public final class GazetteerRules {
  /** The mapping columns, for {@code ner.additional.regexner.mapping.header}. */
  public static final String HEADER = "pattern,ner,normalized,overwrite,priority";
  /** Stock NER types a gazetteer match replaces: it knows the GPU world better than the news-trained CRF. */
  static final String OVERWRITE = "PERSON,ORGANIZATION,LOCATION,MISC,NUMBER";
  /** What TokensRegex takes as a literal token (CoreNLP's ComplexNodePattern.LITERAL_PATTERN). */
  private static final Pattern LITERAL = Pattern.compile("[^\\[\\]?.\\\\^$()*+{}|]*");

  private GazetteerRules() {}

  /** The two mapping texts: case-insensitive aliases and exact-case ones. */
  public record Mapping(String caseless, String exactCase) {
    /**
     * The value of a {@code ...regexner.mapping} property reading {@code caselessFile} with
     * {@code ignorecase=true} and {@code exactCaseFile} as it is (CoreNLP's per-file options).
     */
    public static String property(String caselessFile, String exactCaseFile) {
      return "ignorecase=true," + caselessFile + ";ignorecase=false," + exactCaseFile;
    }
  }

  /**
   * The mappings: one line per alias, then one per plural form of each alias (so an alias itself is listed before
   * any plural form that happens to equal another alias).
   */
  public static Mapping mapping(Gazetteer gazetteer) {
    Lines caseless = new Lines();
    Lines exact = new Lines();
    for (GazetteerEntry e : gazetteer.entries()) {
      String rest = '\t' + e.type() + '\t' + EntityAttributes.tag(e.canonical(), e.attributes()).replace('\t', ' ')
          + '\t' + OVERWRITE + '\t' + "1.0" + '\n';
      for (GazetteerEntry.Alias a : e.aliases()) {
        List<String> patterns = patterns(a.text());
        Lines lines = a.caseSensitive() ? exact : caseless;
        lines.aliases.append(patterns.get(0)).append(rest);
        for (String plural : patterns.subList(1, patterns.size())) {
          lines.plurals.append(plural).append(rest);
        }
      }
    }
    return new Mapping(caseless.text(), exact.text());
  }

  /** One mapping's lines: the aliases', then their plural forms'. */
  private static final class Lines {
    final StringBuilder aliases = new StringBuilder();
    final StringBuilder plurals = new StringBuilder();

    String text() {
      return aliases.toString() + plurals;
    }
  }

  /**
   * The token patterns for one alias, separated by spaces as the mapping format wants: the alias itself, then its
   * plural forms (none when its last token does not end in a letter or digit). A token with a regular expression's
   * special characters is escaped, and then carries its plural in the one pattern.
   */
  static List<String> patterns(String alias) {
    List<String> tokens = tokens(alias);
    List<String> head = new ArrayList<>();
    for (String t : tokens.subList(0, tokens.size() - 1)) {
      head.add(LITERAL.matcher(t).matches() ? t : escape(t));
    }
    String last = tokens.get(tokens.size() - 1);
    boolean plural = last.length() > 1 && Character.isLetterOrDigit(last.codePointBefore(last.length()));
    List<String> lasts = new ArrayList<>();
    if (!LITERAL.matcher(last).matches()) {
      lasts.add(escape(last) + (plural ? "(?:s|es)?" : ""));
    } else {
      lasts.add(last);
      if (plural) {
        lasts.add(last + "s");
        lasts.add(last + "es");
      }
    }
    List<String> out = new ArrayList<>();
    for (String l : lasts) {
      List<String> all = new ArrayList<>(head);
      all.add(l);
      out.add(String.join(" ", all));
    }
    return out;
  }

  /**
   * The alias's tokens as the NER annotator sees them. The pipeline's tokenizer splits hyphenated words
   * ("Leather-Jacket" is three tokens), but NER re-joins them while it runs (CoreNLP's NER-specific
   * tokenization, {@code ner.useNERSpecificTokenization}, on by default), and the gazetteer rules run inside NER:
   * so an alias is split without splitting hyphens.
   */
  static List<String> tokens(String alias) {
    PTBTokenizer<CoreLabel> tokenizer = new PTBTokenizer<>(new StringReader(alias), new CoreLabelTokenFactory(),
        "invertible,splitHyphenated=false");
    List<String> out = new ArrayList<>();
    while (tokenizer.hasNext()) {
      out.add(tokenizer.next().word());
    }
    return out;
  }

  /** Backslash-escapes everything but letters and digits, so the token is matched literally. */
  private static String escape(String token) {
    StringBuilder out = new StringBuilder();
    token.codePoints().forEach(cp -> {
      if (!Character.isLetterOrDigit(cp)) {
        out.append('\\');
      }
      out.appendCodePoint(cp);
    });
    return out.toString();
  }
}
