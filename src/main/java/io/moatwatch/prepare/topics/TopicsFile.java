package io.moatwatch.prepare.topics;

import io.moatwatch.config.ContentLines;
import io.moatwatch.config.Preparation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a topics file: one {@code [Name]} section per topic, then {@code key = value} lines. Blank lines and
 * lines starting with {@code #} are ignored. Keys (each may repeat; values accumulate):
 *
 * <ul>
 *   <li>{@code aliases}: comma-separated words or phrases, matched case-insensitively as whole words;
 *   <li>{@code exact_case}: comma-separated aliases matched only in exactly this case ({@code HIP});
 *   <li>{@code pattern}: one Java regular expression, case-sensitive unless it starts with {@code (?i)};
 *   <li>{@code exclude}: one regular expression; a mention that lies inside its match does not count;
 *   <li>{@code entities}: comma-separated canonical gazetteer names that belong to the topic (checked against
 *   the gazetteer when the run starts);
 *   <li>{@code repository}, {@code subreddit}, {@code tag}, {@code discourse_category}, {@code discord}:
 *   comma-separated places whose posts are about the topic ({@link CommunityRule}).
 * </ul>
 *
 * Any error fails with {@link TopicsFileException} naming the origin, the line and the reason.
 */
public final class TopicsFile {
  /** The topics shipped in the jar: tinygrad, ROCm and CUDA. */
  public static final String BUILTIN = Preparation.BUILTIN_TOPICS;
  private static final String BUILTIN_RESOURCE = "/io/moatwatch/prepare/topics/default.topics";

  private TopicsFile() {}

  /** Loads {@link #BUILTIN} or a file path. */
  public static TopicSet load(String location) throws TopicsFileException {
    if (BUILTIN.equals(location)) {
      try (InputStream in = TopicsFile.class.getResourceAsStream(BUILTIN_RESOURCE)) {
        if (in == null) {
          throw new TopicsFileException(location + ": resource " + BUILTIN_RESOURCE + " is missing from the jar");
        }
        return parse(new InputStreamReader(in, StandardCharsets.UTF_8), location);
      } catch (IOException e) {
        throw new TopicsFileException(location + ": " + e.getMessage());
      }
    }
    Path path = Path.of(location);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new TopicsFileException("topics file " + location + " does not exist or is not readable");
    }
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return parse(r, location);
    } catch (IOException e) {
      throw new TopicsFileException("topics file " + location + ": " + e.getMessage());
    }
  }

  /** Parses topics-file text (for tests and inline definitions). */
  public static TopicSet parse(String text, String origin) throws TopicsFileException {
    try {
      return parse(new StringReader(text), origin);
    } catch (IOException e) {
      throw new TopicsFileException(origin + ": " + e.getMessage());
    }
  }

  private static TopicSet parse(Reader source, String origin) throws IOException, TopicsFileException {
    Map<String, Builder> sections = new LinkedHashMap<>();
    Builder[] current = {null};
    ContentLines.read(source, (n, t) -> {
      if (t.startsWith("[")) {
        if (!t.endsWith("]") || t.length() < 3) {
          throw error(origin, n, "a section header looks like [TopicName]");
        }
        String name = t.substring(1, t.length() - 1).strip();
        if (sections.containsKey(name)) {
          throw error(origin, n, "topic '" + name + "' is defined twice");
        }
        current[0] = new Builder(name);
        sections.put(name, current[0]);
        return;
      }
      int eq = t.indexOf('=');
      if (eq < 0) {
        throw error(origin, n, "expected 'key = value' or a [TopicName] header");
      }
      if (current[0] == null) {
        throw error(origin, n, "'" + t.substring(0, eq).strip() + "' appears before any [TopicName] header");
      }
      current[0].add(t.substring(0, eq).strip(), t.substring(eq + 1).strip(), origin, n);
    });
    if (sections.isEmpty()) {
      throw new TopicsFileException(origin + ": no topics defined (add a [TopicName] section with aliases)");
    }
    List<Topic> topics = new ArrayList<>();
    for (Builder b : sections.values()) {
      List<Pattern> mentions = b.mentions();
      if (mentions.isEmpty()) {
        throw new TopicsFileException(origin + ": topic '" + b.name + "' has no aliases, exact_case or pattern");
      }
      topics.add(new Topic(b.name, mentions, b.exclusions, b.entities, b.homes));
    }
    return new TopicSet(topics, origin);
  }

  private static TopicsFileException error(String origin, int line, String reason) {
    return new TopicsFileException(origin + " line " + line + ": " + reason);
  }

  private static final class Builder {
    final String name;
    final List<String> aliases = new ArrayList<>();
    final List<String> exactCase = new ArrayList<>();
    final List<Pattern> patterns = new ArrayList<>();
    final List<Pattern> exclusions = new ArrayList<>();
    final Map<String, Integer> entities = new LinkedHashMap<>();
    final List<CommunityRule> homes = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    /** All aliases of a case mode in one pattern (see {@link Topic#aliasPattern}), then the user patterns. */
    List<Pattern> mentions() {
      List<Pattern> all = new ArrayList<>();
      if (!aliases.isEmpty()) {
        all.add(Topic.aliasPattern(aliases, false));
      }
      if (!exactCase.isEmpty()) {
        all.add(Topic.aliasPattern(exactCase, true));
      }
      all.addAll(patterns);
      return all;
    }

    void add(String key, String value, String origin, int line) throws TopicsFileException {
      if (value.isEmpty()) {
        throw error(origin, line, "'" + key + "' has no value");
      }
      CommunityRule.Kind place = CommunityRule.Kind.ofKey(key);
      if (place != null) {
        for (String v : value.split(",")) {
          if (v.isBlank()) {
            continue;
          }
          try {
            homes.add(CommunityRule.parse(place, v, line));
          } catch (IllegalArgumentException e) {
            throw error(origin, line, e.getMessage());
          }
        }
        return;
      }
      switch (key) {
        case "aliases", "exact_case" -> {
          for (String alias : value.split(",")) {
            if (alias.isBlank()) {
              continue;
            }
            if (Topic.aliasWords(alias).length == 0) {
              throw error(origin, line, "alias '" + alias.strip() + "' has nothing but hyphens and spaces");
            }
            (key.equals("exact_case") ? exactCase : aliases).add(alias);
          }
        }
        case "pattern" -> patterns.add(compile(value, origin, line));
        case "exclude" -> exclusions.add(compile(value, origin, line));
        case "entities" -> {
          for (String entity : value.split(",")) {
            if (!entity.isBlank()) {
              entities.putIfAbsent(entity.strip(), line);
            }
          }
        }
        default -> throw error(origin, line,
            "unknown key '" + key + "' (expected aliases, exact_case, pattern, exclude, entities, repository, "
                + "subreddit, tag, discourse_category or discord)");
      }
    }

    private static Pattern compile(String regex, String origin, int line) throws TopicsFileException {
      try {
        return Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw error(origin, line, "bad regular expression '" + regex + "': " + e.getDescription());
      }
    }
  }
}
