package io.moatwatch.analyse.entities;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity of the domain gazetteer: the name analysts group by, its type, and the ways people write it.
 *
 * @param canonical the name used in every output ({@code AMD} for "Team Red", {@code George Hotz} for "geohot")
 * @param type      upper-case entity type: HARDWARE, SOFTWARE, ORGANIZATION, PERSON, ...
 * @param aliases    words or phrases that name it; matched as whole tokens
 * @param origin     the file it came from and its line, for messages ({@code builtin:gpu line 12})
 * @param attributes what else is known of it: {@code kind} (gpu, library, os ...), {@code vendor}, {@code family},
 *                   {@code arch} (see {@link EntityAttributes}); empty when the file says nothing
 */
public record GazetteerEntry(String canonical, String type, List<Alias> aliases, String origin,
    Map<String, String> attributes) implements Serializable {

  public GazetteerEntry {
    aliases = List.copyOf(aliases);
    attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public GazetteerEntry(String canonical, String type, List<Alias> aliases, String origin) {
    this(canonical, type, aliases, origin, Map.of());
  }

  /**
   * One way of writing an entity.
   *
   * @param text          the words, as written in the gazetteer
   * @param caseSensitive whether only this exact case matches ({@code HIP}, not "hip")
   */
  public record Alias(String text, boolean caseSensitive) implements Serializable {}
}
