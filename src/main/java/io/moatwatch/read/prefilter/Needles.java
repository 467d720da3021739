package io.moatwatch.read.prefilter;

import io.moatwatch.prepare.topics.CommunityRule;
import io.moatwatch.prepare.topics.Topic;
import io.moatwatch.prepare.topics.TopicSet;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a raw record must contain for the full path to find a topic in it: a byte-level (here: raw line)
 * test that never parses, cleans or detects a language. Built from the topics: each alias, pattern or
 * community rule becomes a <em>group</em> of words that must all occur, in any case, anywhere in the raw text,
 * and a record that holds no complete group cannot be on topic by itself. The words are the runs of letters
 * and digits of an alias ("amdgpu-install": {@code amdgpu} and {@code install}), so the JSON, HTML or Markdown
 * escaping of the punctuation between them ({@code \/}, {@code &amp;}, {@code \_}) cannot hide a mention.
 * A non-ASCII word can be hidden by a JSON {@code \\uXXXX} escape: when there is one, a record with such an
 * escape always passes.
 *
 * <p>Matching is one pass of an Aho-Corasick automaton ({@link ByteAutomaton}) over the line's bytes, ASCII
 * letters folded to lower case. Sound, not exact: a record that passes may still be off topic ("barracuda"),
 * one that fails is off topic for certain.
 *
 * <p>A {@code pattern} without a literal start of two or more letters or digits (after {@code \b},
 * {@code ^} or {@code (?i)}, and not followed by a quantifier), or a rule without one, cannot be reduced to
 * words: {@link #reason()} then says which, and {@link #usable()} is false.
 */
public final class Needles implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern RUN = Pattern.compile("[\\p{L}\\p{N}]+");

  private final List<List<String>> groups;
  private final boolean nonAscii;
  private final String reason;
  private final boolean singleWords;
  // built on first use, by whichever thread tests a line first (lines are tested on several threads)
  private transient volatile Compiled compiled;

  private Needles(List<List<String>> groups, String reason) {
    this.groups = groups.stream().map(List::copyOf).toList();
    this.singleWords = groups.stream().allMatch(g -> g.size() == 1);
    this.nonAscii = groups.stream().flatMap(List::stream).anyMatch(w -> w.chars().anyMatch(c -> c > 127));
    this.reason = reason;
  }

  /** The needles of every alias, pattern and community rule of {@code topics}. */
  public static Needles of(TopicSet topics) {
    List<List<String>> groups = new ArrayList<>();
    String reason = null;
    for (Topic t : topics.topics()) {
      for (Pattern p : t.mentions()) {
        List<List<String>> fromPattern = fromMentionPattern(p.pattern());
        if (fromPattern == null) {
          reason = reason != null ? reason : "topic '" + t.name() + "': pattern '" + p.pattern()
              + "' has no literal start to look for";
        } else {
          groups.addAll(fromPattern);
        }
      }
      for (CommunityRule r : t.homes()) {
        List<String> words = words(r.value());
        if (words.isEmpty()) {
          reason = reason != null ? reason : "topic '" + t.name() + "': " + r + " has no letters or digits";
        } else {
          groups.add(words);
        }
      }
    }
    return new Needles(dedupe(groups), reason);
  }

  /** Whether these needles can stand for the topics (see {@link #reason()}). */
  public boolean usable() {
    return reason == null;
  }

  /** Why they cannot, or null. */
  public String reason() {
    return reason;
  }

  /** The groups: each a list of words that must all occur. */
  public List<List<String>> groups() {
    return groups;
  }

  /** Whether {@code raw} holds every word of some group (always true when not {@link #usable()}). */
  public boolean mayMatch(CharSequence raw) {
    byte[] b = raw.toString().getBytes(StandardCharsets.UTF_8);
    return mayMatch(b, 0, b.length);
  }

  /**
   * The same test on the raw bytes {@code b[from, to)} of one line, UTF-8, never decoded when the words are
   * ASCII: ASCII letters are folded to lower case as they are read. The four characters that Java's
   * case-insensitive Unicode matching equates with an ASCII letter ({@code ſ ı İ K}, raw or as a JSON
   * {@code \\uXXXX} escape) send the line to the decoded, lower-cased test, so a mention spelled with them is
   * found as the full path finds it.
   */
  public boolean mayMatch(byte[] b, int from, int to) {
    if (!usable()) {
      return true;
    }
    if (groups.isEmpty()) {
      return false;
    }
    if (nonAscii) {
      String line = new String(b, from, to - from, StandardCharsets.UTF_8);
      return line.contains("\\u") || matchesText(foldDecoded(line));
    }
    Compiled c = compiled();
    if (singleWords) {
      return c.automaton.any(b, from, to);
    }
    long[] found = new long[c.bitsetLength];
    c.automaton.find(b, from, to, found);
    if (c.special(found)) {
      return matchesText(foldDecoded(new String(b, from, to - from, StandardCharsets.UTF_8)));
    }
    return c.completesGroup(found);
  }

  /** The decoded test: the automaton over the UTF-8 bytes of lower-cased text. */
  private boolean matchesText(String lower) {
    Compiled c = compiled();
    byte[] b = lower.getBytes(StandardCharsets.UTF_8);
    long[] found = new long[c.bitsetLength];
    c.automaton.find(b, 0, b.length, found);
    return c.completesGroup(found); // the groups hold no special sequence: their bits are not looked at
  }

  /** Lower case, with the letters that case-insensitive Unicode matching equates with ASCII ones made ASCII. */
  private static String foldDecoded(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    for (String[] e : UNICODE_FOLDS) {
      lower = lower.replace(e[0], e[1]);
    }
    return lower;
  }

  /** ſ (U+017F) matches s, ı (U+0131) and İ (U+0130) match i, K (U+212A) matches k, as JSON escapes too. */
  private static final String[][] UNICODE_FOLDS = {
      {"\u017f", "s"}, {"\u0131", "i"}, {"\u0130", "i"}, {"\u212a", "k"},
      {"\\u017f", "s"}, {"\\u0131", "i"}, {"\\u0130", "i"}, {"\\u212a", "k"}};

  /**
   * The byte sequences that send a line to the decoded test: the UTF-8 bytes of ſ ı İ K, and their JSON
   * escapes (in lower case, as the automaton folds them).
   */
  private static List<byte[]> specialSequences() {
    List<byte[]> out = new ArrayList<>();
    for (String[] e : UNICODE_FOLDS) {
      out.add(e[0].getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The automaton over every word (then the special sequences), and the groups as bit sets of word indices. */
  private static final class Compiled {
    final ByteAutomaton automaton;
    final int bitsetLength;
    final long[][] groups;
    /** The bits of the special sequences. */
    final long[] specials;

    Compiled(List<List<String>> groupWords) {
      List<String> words = new ArrayList<>(new TreeSet<>(groupWords.stream().flatMap(List::stream).toList()));
      List<byte[]> bytes = new ArrayList<>();
      words.forEach(w -> bytes.add(w.getBytes(StandardCharsets.UTF_8)));
      int firstSpecial = bytes.size();
      bytes.addAll(specialSequences());
      automaton = new ByteAutomaton(bytes);
      bitsetLength = automaton.bitSetLength();
      specials = new long[bitsetLength];
      for (int i = firstSpecial; i < bytes.size(); i++) {
        specials[i >>> 6] |= 1L << i;
      }
      groups = new long[groupWords.size()][];
      for (int g = 0; g < groups.length; g++) {
        groups[g] = new long[bitsetLength];
        for (String w : groupWords.get(g)) {
          int i = words.indexOf(w);
          groups[g][i >>> 6] |= 1L << i;
        }
      }
    }

    boolean special(long[] found) {
      for (int i = 0; i < found.length; i++) {
        if ((found[i] & specials[i]) != 0) {
          return true;
        }
      }
      return false;
    }

    boolean completesGroup(long[] found) {
      for (long[] g : groups) {
        boolean all = true;
        for (int i = 0; i < g.length && all; i++) {
          all = (found[i] & g[i]) == g[i];
        }
        if (all) {
          return true;
        }
      }
      return false;
    }
  }

  private Compiled compiled() {
    Compiled built = compiled;
    return built != null ? built : compile();
  }

  private synchronized Compiled compile() {
    if (compiled == null) {
      compiled = new Compiled(groups);
    }
    return compiled;
  }

  /**
   * The word groups of a mention pattern: the alias alternations {@code Topic.aliasPattern} writes (one group
   * per alias), or the literal start of a user pattern; null when there is none.
   */
  static List<List<String>> fromMentionPattern(String regex) {
    List<List<String>> aliases = aliasGroups(regex);
    if (aliases != null) {
      return aliases;
    }
    String r = regex;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String prefix : new String[] {"(?i)", "\\b", "^", "(?iu)", "(?u)"}) {
        if (r.startsWith(prefix)) {
          r = r.substring(prefix.length());
          changed = true;
        }
      }
    }
    if (r.contains("|")) {
      return null; // a top-level alternative need not share the first branch's start
    }
    int end = 0;
    while (end < r.length() && Character.isLetterOrDigit(r.charAt(end))) {
      end++;
    }
    if (end < r.length() && "?*{".indexOf(r.charAt(end)) >= 0) {
      end--; // "colou?r": the u is optional
    }
    if (end < 2) {
      return null;
    }
    return List.of(List.of(r.substring(0, end).toLowerCase(Locale.ROOT)));
  }

  /** The aliases of an alias pattern: {@code \Qword\E} pieces between the alternation's bars. */
  private static List<List<String>> aliasGroups(String regex) {
    int open = regex.indexOf("(?:\\Q");
    if (open < 0) {
      return null;
    }
    int close = regex.lastIndexOf("\\E)");
    List<List<String>> out = new ArrayList<>();
    for (String alternative : regex.substring(open + 3, close + 2).split("\\|(?=\\\\Q)")) {
      List<String> words = new ArrayList<>();
      var m = Pattern.compile("\\\\Q(.*?)\\\\E").matcher(alternative);
      while (m.find()) {
        words.addAll(words(m.group(1)));
      }
      if (words.isEmpty()) {
        return null;
      }
      out.add(words);
    }
    return out;
  }

  /** The runs of letters and digits of {@code s}, lower case. */
  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    var m = RUN.matcher(s.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static List<List<String>> dedupe(List<List<String>> groups) {
    return new ArrayList<>(new LinkedHashSet<>(groups));
  }
}
