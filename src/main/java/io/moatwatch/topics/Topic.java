package io.moatwatch.topics;

import java.io.Serializable;
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
 */
public record Topic(String name, List<Pattern> mentions, List<Pattern> exclusions, Map<String, Integer> entities)
    implements Serializable {

  public Topic {
    mentions = List.copyOf(mentions);
    exclusions = List.copyOf(exclusions);
    entities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entities));
  }

  public Topic(String name, List<Pattern> mentions, List<Pattern> exclusions) {
    this(name, mentions, exclusions, Map.of());
  }

  /** The canonical names of the entities that belong to this topic. */
  public Set<String> entityNames() {
    return entities.keySet();
  }

  /** Whether {@code text} mentions this topic. */
  public boolean mentionedIn(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (Pattern p : mentions) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        if (!excluded(text, m.start(), m.end())) {
          return true;
        }
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

  /**
   * The pattern for one alias: the words of the alias separated by any whitespace or hyphen, not inside a
   * longer word ("cuda" does not match "barracuda" or "cudafy"), though a version number may follow
   * ("rocm6", "CUDA12"). Scripts written without spaces (Chinese, Japanese) and Korean particles attach to
   * the name ("安装了ROCm，", "ROCm을"), so their letters count as a boundary.
   */
  /** Letters that continue a word: any letter but those of scripts written without spaces, and Hangul. */
  private static final String WORD_LETTER = "\\p{L}&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]";

  static Pattern aliasPattern(String alias, boolean caseSensitive) {
    StringBuilder re = new StringBuilder("(?<![\\p{N}_" + WORD_LETTER + "])");
    String[] words = alias.trim().split("[\\s-]+");
    for (int i = 0; i < words.length; i++) {
      if (i > 0) {
        re.append("[\\s-]*");
      }
      re.append(Pattern.quote(words[i]));
    }
    re.append("(?![_" + WORD_LETTER + "])");
    int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    return Pattern.compile(re.toString(), flags);
  }
}
