package io.moatwatch.analyse.entities;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import io.moatwatch.analyse.corenlp.CoreNlpAnalyzer;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Gazetteer} into a CoreNLP TokensRegexNER mapping file, which the {@code ner} annotator applies
 * after its statistical models ({@code ner.additional.regexner.mapping}). Columns, tab-separated, as declared
 * by {@link #HEADER}: token patterns, the entity type, the canonical name (CoreNLP's normalized NER tag, which
 * keeps adjacent entities apart and which {@link CoreNlpAnalyzer} reports as {@code canonical}), the stock NER
 * types a rule may overwrite, and a priority.
 *
 * <p>Each alias is split into tokens by the same PTB tokenizer the pipeline uses, so "Dr. Su" or "llama.cpp"
 * match however CoreNLP tokenizes them; each token becomes a regular expression, case-insensitive unless the
 * alias is exact-case, and the last token may take a plural {@code s} or {@code es} ("H100s", "tinyboxes").
 */
public final class GazetteerRules {
  /** The mapping columns, for {@code ner.additional.regexner.mapping.header}. */
  public static final String HEADER = "pattern,ner,normalized,overwrite,priority";
  /** Stock NER types a gazetteer match replaces: it knows the GPU world better than the news-trained CRF. */
  static final String OVERWRITE = "PERSON,ORGANIZATION,LOCATION,MISC,NUMBER";

  private GazetteerRules() {}

  /** The mapping file text: one line per alias. */
  public static String mapping(Gazetteer gazetteer) {
    StringBuilder out = new StringBuilder();
    for (GazetteerEntry e : gazetteer.entries()) {
      for (GazetteerEntry.Alias a : e.aliases()) {
        out.append(pattern(a.text(), a.caseSensitive())).append('\t')
            .append(e.type()).append('\t')
            .append(EntityAttributes.tag(e.canonical(), e.attributes()).replace('\t', ' ')).append('\t')
            .append(OVERWRITE).append('\t')
            .append("1.0").append('\n');
      }
    }
    return out.toString();
  }

  /** The token patterns for one alias, separated by spaces as the mapping format wants. */
  static String pattern(String alias, boolean caseSensitive) {
    List<String> tokens = tokens(alias);
    List<String> regexes = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      StringBuilder re = new StringBuilder(caseSensitive ? "" : "(?iu)");
      re.append(escape(t));
      boolean last = i == tokens.size() - 1;
      if (last && t.length() > 1 && Character.isLetterOrDigit(t.codePointBefore(t.length()))) {
        re.append("(?:s|es)?");
      }
      regexes.add(re.toString());
    }
    return String.join(" ", regexes);
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
