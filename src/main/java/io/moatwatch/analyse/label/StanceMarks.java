package io.moatwatch.analyse.label;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a text names a stance target, and how a model trained with marked mentions
 * ({@code train_sentiment.py --stance-marks}) wants its stance pairs: each mention of the target in the text
 * wrapped in {@code open} and {@code close} ("CUDA just works, {@code <<ROCm>>} has been hell"), so the model is
 * shown which of the stacks a comparison names it is asked about. A model trained with
 * {@code --stance-pool mention} is given the mentions' places instead ({@link #spans}). Everything comes
 * from model.json ({@code stance.marks}), written by the training script, which marks its own pairs with the same
 * patterns ({@code training/stance_marks.py}; {@code StanceMarksTest} runs it and checks this class against its
 * examples). Pure.
 *
 * @param open     what goes before a mention ({@code <<})
 * @param close    what goes after it ({@code >>})
 * @param template the regex around a list of names: {@code {names}} stands for an alternation
 * @param names    for each trained target, its name lists in order (the first that finds a mention in a text is
 *                 used: a target's own names, then looser ones such as "AMD" for ROCm); any other target is found
 *                 by its words, a space in its name matching a space, a hyphen or nothing
 */
public record StanceMarks(String open, String close, String template, Map<String, List<String>> names)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String NAMES = "{names}";

  public StanceMarks {
    if (open == null || open.isEmpty() || close == null || close.isEmpty()) {
      throw new LabelModelException("stance marks need an opening and a closing mark");
    }
    if (template == null || !template.contains(NAMES)) {
      throw new LabelModelException("the stance marks' template must contain " + NAMES + ", got " + template);
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    names.forEach((target, lists) -> copy.put(target, List.copyOf(lists)));
    names = Map.copyOf(copy);
    names.forEach((target, lists) -> lists.forEach(n -> pattern(template, n)));
  }

  /** The marks as model.json's {@code stance.marks} (or {@code training/stance_marks.py}) writes them. */
  public static StanceMarks of(JsonNode m) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    m.path("names").properties().forEach(e -> {
      List<String> lists = new ArrayList<>();
      e.getValue().forEach(n -> lists.add(n.asText()));
      names.put(e.getKey(), lists);
    });
    return new StanceMarks(m.path("open").asText(), m.path("close").asText(), m.path("template").asText(null), names);
  }

  /** The patterns that find {@code target}'s mentions, in the order they are tried. */
  public List<Pattern> patterns(String target) {
    List<String> lists = names.get(target);
    if (lists == null || lists.isEmpty()) {
      List<String> words = new ArrayList<>();
      for (String w : target.strip().split("\\s+")) {
        words.add(Pattern.quote(w));
      }
      lists = List.of(String.join("[ -]?", words));
    }
    List<Pattern> out = new ArrayList<>(lists.size());
    lists.forEach(n -> out.add(pattern(template, n)));
    return out;
  }

  /**
   * {@code text} with each mention of {@code target} marked, by the first pattern that finds any (else as it is).
   * Compiles the target's patterns each call; a caller marking many texts keeps them ({@link #mark(List, String)}).
   */
  public String mark(String target, String text) {
    return mark(patterns(target), text);
  }

  /** The same with the target's patterns already made ({@link #patterns}). */
  public String mark(List<Pattern> patterns, String text) {
    StringBuilder marked = new StringBuilder(text.length() + 8);
    int from = 0;
    for (int[] s : spans(patterns, text)) {
      marked.append(text, from, s[0]).append(open).append(text, s[0], s[1]).append(close);
      from = s[1];
    }
    return marked.append(text, from, text.length()).toString();
  }

  /**
   * Where {@code text} names the target, as {@code [start, end)} character ranges: every match of the first of
   * {@code patterns} ({@link #patterns}) that finds any, none when none does. What a model trained with
   * {@code --stance-pool mention} pools its stance reading over ({@link LabelModel}).
   */
  public static List<int[]> spans(List<Pattern> patterns, String text) {
    for (Pattern p : patterns) {
      List<int[]> found = new ArrayList<>();
      Matcher m = p.matcher(text);
      while (m.find()) {
        found.add(new int[] {m.start(), m.end()});
      }
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static Pattern pattern(String template, String names) {
    try {
      return Pattern.compile(template.replace(NAMES, names));
    } catch (RuntimeException e) {
      throw new LabelModelException("a stance marks pattern does not compile: " + names + " (" + e.getMessage() + ")", e);
    }
  }
}
