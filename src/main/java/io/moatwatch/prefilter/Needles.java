package io.moatwatch.prefilter;

import io.moatwatch.topics.CommunityRule;
import io.moatwatch.topics.Topic;
import io.moatwatch.topics.TopicSet;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.TreeMap;

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
 * <p>Matching is one pass of an Aho-Corasick automaton (a double-array trie, com.hankcs) over the lower-cased
 * text. Sound, not exact: a record that passes may still be off topic ("barracuda"), one that fails is off
 * topic for certain.
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
  private final Set<String> ids;
  private final int minId;
  private final int maxId;
  private final boolean singleWords;
  private transient AhoCorasickDoubleArrayTrie<String> trie;

  private Needles(List<List<String>> groups, String reason) {
    this.ids = null;
    this.minId = 0;
    this.maxId = 0;
    this.groups = groups.stream().map(List::copyOf).toList();
    this.singleWords = groups.stream().allMatch(g -> g.size() == 1);
    this.nonAscii = groups.stream().flatMap(List::stream).anyMatch(w -> w.chars().anyMatch(c -> c > 127));
    this.reason = reason;
  }

  private Needles(Set<String> ids) {
    this.ids = Set.copyOf(ids);
    this.groups = ids.stream().map(List::of).toList();
    this.minId = ids.stream().mapToInt(String::length).min().orElse(0);
    this.maxId = ids.stream().mapToInt(String::length).max().orElse(0);
    this.singleWords = true;
    this.nonAscii = false;
    this.reason = null;
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

  /**
   * Needles that pass a record holding any of {@code ids} (exact case) as a whole token, with no letter or digit
   * either side: the ids of on-topic posts and threads. Not an automaton but a set lookup of each token of the
   * record whose length an id can have: with thousands of short base-36 ids nearly every position of a record
   * starts some id, and the automaton spent its time in partial matches (measured at 2 million comments: the
   * second pass took 48 s with the automaton, 27 s with the set).
   */
  public static Needles ofIds(Set<String> ids) {
    return new Needles(ids);
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
    if (!usable() || nonAscii && raw.toString().contains("\\u")) {
      return true;
    }
    if (groups.isEmpty()) {
      return false;
    }
    if (ids != null) {
      return hasIdToken(raw);
    }
    AhoCorasickDoubleArrayTrie<String> t = trie();
    String text = raw.toString().toLowerCase(Locale.ROOT);
    if (singleWords) {
      return t.findFirst(text) != null;
    }
    Set<String> found = new HashSet<>();
    t.parseText(text, (AhoCorasickDoubleArrayTrie.IHit<String>) (begin, end, word) -> found.add(word));
    if (found.isEmpty()) {
      return false;
    }
    for (List<String> g : groups) {
      if (found.containsAll(g)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a maximal run of letters and digits of {@code raw} is one of the ids. */
  private boolean hasIdToken(CharSequence raw) {
    int n = raw.length();
    int i = 0;
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(raw.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(raw.charAt(i))) {
        i++;
      }
      int len = i - start;
      if (len >= minId && len <= maxId && len > 0 && ids.contains(raw.subSequence(start, i).toString())) {
        return true;
      }
    }
    return false;
  }

  private AhoCorasickDoubleArrayTrie<String> trie() {
    if (trie == null) {
      TreeMap<String, String> words = new TreeMap<>();
      groups.forEach(g -> g.forEach(w -> words.put(w, w)));
      AhoCorasickDoubleArrayTrie<String> t = new AhoCorasickDoubleArrayTrie<>();
      t.build(words);
      trie = t;
    }
    return trie;
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
