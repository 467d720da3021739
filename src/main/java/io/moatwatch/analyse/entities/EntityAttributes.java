package io.moatwatch.analyse.entities;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known of an entity besides its name and type (docs/ENTITIES.md, "Taxonomy"): its {@code kind} (gpu,
 * accelerator, cpu, soc, system for HARDWARE; target, architecture, die for GPU_ARCH; stack, library, framework,
 * application, driver, tool for SOFTWARE; os, environment for OS), {@code vendor}, {@code family} (what analysts
 * roll a model up to: "Radeon RX 7000"), {@code arch} (its architecture: "RDNA3") and, for a mention,
 * {@code version} ("6.2.4" of "ROCm 6.2.4"). Written {@code key=value; key=value} in a gazetteer file, and as
 * {@code canonical|key=value;...} in the NER's normalized tag, which both the gazetteer and the name rules
 * (gpu-names.rules) set. Pure.
 */
public final class EntityAttributes {
  /** The attribute keys, in the order they are written. */
  public static final List<String> KEYS = List.of("kind", "vendor", "family", "arch", "version");

  private EntityAttributes() {}

  /** {@code kind=gpu; vendor=AMD} to a map; an unknown key or a pair without '=' is an error naming it. */
  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : text.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
      if (eq < 0 || !KEYS.contains(key)) {
        throw new IllegalArgumentException("attribute '" + pair.strip() + "' must be key=value with a key of " + KEYS);
      }
      String value = pair.substring(eq + 1).strip();
      if (!value.isEmpty()) {
        out.put(key, value);
      }
    }
    return out;
  }

  /** The normalized tag for {@code canonical} with {@code attributes}: {@code canonical|kind=gpu;vendor=AMD}. */
  public static String tag(String canonical, Map<String, String> attributes) {
    StringBuilder out = new StringBuilder(canonical);
    String sep = "|";
    for (String k : KEYS) {
      String v = attributes.get(k);
      if (v != null) {
        out.append(sep).append(k).append('=').append(v);
        sep = ";";
      }
    }
    return out.toString();
  }

  /**
   * A normalized tag split into its canonical name and attributes ({@code "RX 7900 XTX|kind=gpu;vendor=AMD"}); a
   * tag without '|' is all name (what CoreNLP's own normalizers write is never read here: the analyzer only reads
   * the tag of gazetteer and rule matches).
   */
  public record Tagged(String canonical, Map<String, String> attributes) {}

  public static Tagged untag(String tag) {
    int bar = tag.indexOf('|');
    if (bar < 0) {
      return new Tagged(tag.strip(), Map.of());
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    for (String pair : tag.substring(bar + 1).split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && KEYS.contains(pair.substring(0, eq).strip()) && !pair.substring(eq + 1).isBlank()) {
        attrs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    return new Tagged(tag.substring(0, bar).strip(), attrs);
  }
}
