package io.moatwatch.analyse.entities;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The domain gazetteer: products, hardware, software stacks, companies and people of the GPU world, each with a
 * canonical name and a type. Immutable, serializable and compared by content: it is part of the NLP settings
 * that travel to executors and key the per-JVM pipeline, where CoreNLP applies it as RegexNER rules.
 *
 * @param entries every entry, in file order (later files after earlier ones)
 * @param origins the files it was read from, e.g. {@code [builtin:gpu, my.gazetteer]}
 */
public record Gazetteer(List<GazetteerEntry> entries, List<String> origins) implements Serializable {

  /** No entities at all (stock CoreNLP NER only). */
  public static final Gazetteer EMPTY = new Gazetteer(List.of(), List.of());

  public Gazetteer {
    entries = List.copyOf(entries);
    origins = List.copyOf(origins);
  }

  /** Canonical name to type, in file order. */
  public Map<String, String> types() {
    Map<String, String> out = new LinkedHashMap<>();
    for (GazetteerEntry e : entries) {
      out.put(e.canonical(), e.type());
    }
    return out;
  }

  /** The canonical names. */
  public Set<String> canonicalNames() {
    return types().keySet();
  }

  /** A short content fingerprint for the pipeline signature: entries, aliases and attributes, hex. */
  public String fingerprint() {
    int h = 17;
    for (GazetteerEntry e : entries) {
      h = 31 * h + e.canonical().hashCode();
      h = 31 * h + e.type().hashCode();
      for (GazetteerEntry.Alias a : e.aliases()) {
        h = 31 * h + a.text().hashCode() + (a.caseSensitive() ? 1 : 0);
      }
      h = 31 * h + e.attributes().hashCode();
    }
    return String.format(Locale.ROOT, "%08x", h);
  }
}
