package io.moatwatch.analyse.entities;

import io.moatwatch.analyse.entities.GazetteerEntry.Alias;
import io.moatwatch.config.ContentLines;
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
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads gazetteer files (docs/ENTITIES.md). One entity per line, three fields separated by {@code |}, and a fourth
 * for what else is known of it:
 *
 * <pre>
 * # canonical     | TYPE         | aliases (comma-separated; =Alias only in this case) | attributes (optional)
 * AMD             | ORGANIZATION | AMD, Advanced Micro Devices, Team Red, Red Team
 * HIP             | SOFTWARE     | =HIP, HIP runtime                                    | kind=stack; vendor=AMD
 * </pre>
 *
 * Blank lines and lines starting with {@code #} are ignored. Within one file a canonical name and an alias may
 * appear once. Files are read in order and later files extend earlier ones: a canonical name seen before gains
 * the new aliases (and takes the new type), and an alias seen before now names the later entity, so a user's
 * file can add to and correct the built-in one (an entity left without aliases stays known but matches nothing). Any error fails with {@link GazetteerException} naming the
 * origin, the line and the reason.
 */
public final class GazetteerFile {
  /** The gazetteer shipped in the jar. */
  public static final String BUILTIN = "builtin:gpu";
  private static final String BUILTIN_RESOURCE = "/io/moatwatch/analyse/entities/gpu.gazetteer";
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z_]*");

  private GazetteerFile() {}

  /** Loads {@link #BUILTIN} or file paths, in order, into one gazetteer. */
  public static Gazetteer load(List<String> locations) throws GazetteerException {
    Merger merger = new Merger();
    for (String location : locations) {
      try (Reader r = open(location)) {
        merger.read(r, location);
      } catch (IOException e) {
        throw new GazetteerException("gazetteer " + location + ": " + e.getMessage());
      }
    }
    return merger.result(locations);
  }

  /** Parses gazetteer text (for tests). */
  public static Gazetteer parse(String text, String origin) throws GazetteerException {
    Merger merger = new Merger();
    try {
      merger.read(new StringReader(text), origin);
    } catch (IOException e) {
      throw new GazetteerException(origin + ": " + e.getMessage());
    }
    return merger.result(List.of(origin));
  }

  private static Reader open(String location) throws GazetteerException, IOException {
    if (BUILTIN.equals(location)) {
      InputStream in = GazetteerFile.class.getResourceAsStream(BUILTIN_RESOURCE);
      if (in == null) {
        throw new GazetteerException(location + ": resource " + BUILTIN_RESOURCE + " is missing from the jar");
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
    Path path = Path.of(location);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new GazetteerException("gazetteer file " + location + " does not exist or is not readable");
    }
    return Files.newBufferedReader(path, StandardCharsets.UTF_8);
  }

  /** Collects entries across files; see the class comment for how later files extend earlier ones. */
  private static final class Merger {
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, List<Alias>> aliases = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
    /** Alias key (lower case unless case-sensitive) to its canonical name. */
    private final Map<String, String> owner = new LinkedHashMap<>();

    void read(Reader source, String origin) throws IOException, GazetteerException {
      Map<String, Integer> canonicalLines = new LinkedHashMap<>();
      Map<String, Integer> aliasLines = new LinkedHashMap<>();
      ContentLines.read(source, (n, t) -> entry(n, t, origin, canonicalLines, aliasLines));
    }

    private void entry(int n, String t, String origin, Map<String, Integer> canonicalLines,
        Map<String, Integer> aliasLines) throws GazetteerException {
      String[] fields = t.split("\\|", -1);
      if (fields.length != 3 && fields.length != 4) {
        throw error(origin, n, "expected 'canonical | TYPE | aliases' (3 fields separated by |, and attributes"
            + " as a fourth), found " + fields.length + " field" + (fields.length == 1 ? "" : "s"));
      }
      Map<String, String> attributes;
      try {
        attributes = fields.length == 4 ? EntityAttributes.parse(fields[3]) : Map.of();
      } catch (IllegalArgumentException e) {
        throw error(origin, n, e.getMessage());
      }
      String canonical = fields[0].strip();
      String type = fields[1].strip();
      if (canonical.isEmpty()) {
        throw error(origin, n, "the canonical name is empty");
      }
      if (!TYPE.matcher(type).matches()) {
        throw error(origin, n, "type '" + type + "' must be upper-case letters or _, e.g. HARDWARE");
      }
      Integer first = canonicalLines.putIfAbsent(canonical, n);
      if (first != null) {
        throw error(origin, n, "'" + canonical + "' is already defined on line " + first);
      }
      List<Alias> parsed = new ArrayList<>();
      for (String raw : fields[2].split(",")) {
        String a = raw.strip();
        if (a.isEmpty()) {
          continue;
        }
        boolean exact = a.startsWith("=");
        String text = exact ? a.substring(1).strip() : a;
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
          throw error(origin, n, "alias '" + a + "' has no letter or digit");
        }
        String key = key(text, exact);
        Integer seen = aliasLines.putIfAbsent(key, n);
        if (seen != null) {
          throw error(origin, n, "alias '" + text + "' is already used on line " + seen);
        }
        parsed.add(new Alias(text, exact));
      }
      if (parsed.isEmpty()) {
        throw error(origin, n, "'" + canonical + "' has no aliases");
      }
      add(canonical, type, parsed, origin + " line " + n, attributes);
    }

    private void add(String canonical, String type, List<Alias> parsed, String origin,
        Map<String, String> attrs) {
      for (Alias a : parsed) {
        String previous = owner.put(key(a.text(), a.caseSensitive()), canonical);
        if (previous != null && !previous.equals(canonical)) {
          aliases.get(previous).removeIf(old -> key(old.text(), old.caseSensitive())
              .equals(key(a.text(), a.caseSensitive())));
        }
      }
      types.put(canonical, type);
      origins.putIfAbsent(canonical, origin);
      if (!attrs.isEmpty()) {
        attributes.put(canonical, attrs);
      }
      List<Alias> list = aliases.computeIfAbsent(canonical, c -> new ArrayList<>());
      for (Alias a : parsed) {
        if (!list.contains(a)) {
          list.add(a);
        }
      }
    }

    Gazetteer result(List<String> locations) {
      List<GazetteerEntry> entries = new ArrayList<>();
      for (var e : types.entrySet()) {
        // An entity whose aliases a later file all took over stays known (topics files may name it) but
        // matches nothing.
        entries.add(new GazetteerEntry(e.getKey(), e.getValue(), aliases.get(e.getKey()), origins.get(e.getKey()),
            attributes.getOrDefault(e.getKey(), Map.of())));
      }
      return new Gazetteer(entries, locations);
    }

    private static String key(String text, boolean caseSensitive) {
      String words = String.join(" ", text.strip().split("\\s+"));
      return caseSensitive ? "=" + words : words.toLowerCase(Locale.ROOT);
    }
  }

  private static GazetteerException error(String origin, int line, String reason) {
    return new GazetteerException(origin + " line " + line + ": " + reason);
  }
}
