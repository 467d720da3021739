package io.moatwatch.prepare.topics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One topic: a name and the compiled patterns that mention it. A match counts unless it lies inside a match of
 * one of the exclusions. Immutable and serializable (it travels to executors inside {@link TopicSet}).
 *
 * @param name       the name used in every output ({@code ROCm})
 * @param mentions   alias and user patterns; any match is a mention
 * @param exclusions patterns whose matches veto mentions inside them
 * @param entities   canonical gazetteer names that belong to this topic (its products, companies, people), each
 *                   with the topics-file line that named it (0 when not from a file), in file order
 * @param homes      the places whose posts are about this topic whatever they say (repositories, subreddits ...)
 */
public record Topic(String name, List<Pattern> mentions, List<Pattern> exclusions, Map<String, Integer> entities,
    List<CommunityRule> homes) implements Serializable {

  public Topic {
    mentions = List.copyOf(mentions);
    exclusions = List.copyOf(exclusions);
    entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    homes = List.copyOf(homes);
  }

  public Topic(String name, List<Pattern> mentions, List<Pattern> exclusions, Map<String, Integer> entities) {
    this(name, mentions, exclusions, entities, List.of());
  }

  public Topic(String name, List<Pattern> mentions, List<Pattern> exclusions) {
    this(name, mentions, exclusions, Map.of());
  }

  /** Whether a post from {@code source} in {@code community} filed under {@code tags} lives in a home of this topic. */
  public boolean livesIn(String source, String community, List<String> tags) {
    for (CommunityRule h : homes) {
      if (h.matches(source, community, tags)) {
        return true;
      }
    }
    return false;
  }

  /** The canonical names of the entities that belong to this topic. */
  public Set<String> entityNames() {
    return entities.keySet();
  }

  /**
   * Whether {@code text} mentions this topic: some match of a mention pattern that no exclusion match contains.
   * After an excluded match the search goes on from the next character, so a mention that overlaps an excluded
   * one is still found.
   */
  public boolean mentionedIn(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (Pattern p : mentions) {
      Matcher m = p.matcher(text);
      int from = 0;
      while (from <= text.length() && m.find(from)) {
        if (!excluded(text, m.start(), m.end())) {
          return true;
        }
        from = m.start() + 1;
      }
    }
    return false;
  }

  private boolean excluded(String text, int start, int end) {
    for (Pattern x : exclusions) {
      Matcher m = x.matcher(text);
      while (m.find()) {
        if (m.start() <= start && m.end() >= end) {
          return true;
        }
      }
    }
    return false;
  }

  /** Letters that continue a word: any letter but those of scripts written without spaces, and Hangul. */
  private static final String WORD_LETTER = "\\p{L}&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]";

  /**
   * One pattern for a list of aliases: each alias's words separated by any whitespace or hyphen, not inside a
   * longer word ("cuda" does not match "barracuda" or "cudafy"), though a version number may follow
   * ("rocm6", "CUDA12"). Scripts written without spaces (Chinese, Japanese) and Korean particles attach to
   * the name ("安装了ROCm，", "ROCm을"), so their letters count as a boundary.
   *
   * <p>One alternation rather than a pattern per alias, because topic matching runs on every post: a lookahead
   * on the aliases' first letters rejects most positions before the word-boundary lookbehind is tried (about
   * 30x faster than one pattern per alias on the benchmark corpus). Longer aliases come first, so at
   * any position the alternation matches the longest alias there: if an exclusion contains that match, it
   * contains every shorter one at the same position too, and {@link #mentionedIn} stays exact.
   */
  static Pattern aliasPattern(List<String> aliases, boolean caseSensitive) {
    List<String[]> words = aliases.stream()
        .map(Topic::aliasWords)
        .filter(w -> w.length > 0)
        .sorted(Comparator.comparingInt((String[] w) -> -letters(w)))
        .toList();
    if (words.isEmpty()) {
      throw new IllegalArgumentException("no aliases in " + aliases);
    }
    StringBuilder first = new StringBuilder();
    StringBuilder alternatives = new StringBuilder();
    for (String[] w : words) {
      first.append(String.format("\\x{%x}", w[0].codePointAt(0)));
      alternatives.append(alternatives.length() == 0 ? "" : "|");
      for (int i = 0; i < w.length; i++) {
        alternatives.append(i > 0 ? "[\\s-]*" : "").append(Pattern.quote(w[i]));
      }
    }
    String re = "(?=[" + first + "])(?<![\\p{N}_" + WORD_LETTER + "])(?:" + alternatives + ")"
        + "(?![_" + WORD_LETTER + "])";
    return Pattern.compile(re, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The words of an alias: what whitespace and hyphens separate (none for an alias of only those). */
  static String[] aliasWords(String alias) {
    return Arrays.stream(alias.split("[\\s-]+")).filter(w -> !w.isEmpty()).toArray(String[]::new);
  }

  private static int letters(String[] words) {
    int n = 0;
    for (String w : words) {
      n += w.codePointCount(0, w.length());
    }
    return n;
  }
}
