package io.moatwatch.analyse.corenlp;

import java.util.Map;

/**
 * A named entity found in a post.
 *
 * @param text          the words as written ("7900xtx", "ROCm 6.2.4")
 * @param type          the gazetteer's or the name rules' type (HARDWARE, GPU_ARCH, SOFTWARE, OS, ORGANIZATION,
 *                      PERSON, ...) where one matched, else CoreNLP's: PERSON, ORGANIZATION, LOCATION, MISC, ...
 * @param canonical     the canonical name ("AMD" for "Team Red", "RX 7900 XTX" for "7900xtx"), else the text itself
 * @param sentenceIndex the sentence it is in, or -1 when it was found outside the prose (see {@code foundIn})
 * @param attributes    kind, vendor, family, arch and version where known ({@code analyse.entities.EntityAttributes})
 * @param foundIn       where it was found: {@link #PROSE} (the text CoreNLP reads) or {@link #CODE} (code blocks,
 *                      log and shell lines, read by the name rules alone)
 */
public record EntityMention(String text, String type, String canonical, int sentenceIndex,
    Map<String, String> attributes, String foundIn) {
  public static final String PROSE = "prose";
  public static final String CODE = "code";

  public EntityMention {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    foundIn = foundIn == null ? PROSE : foundIn;
  }

  /** An entity in the prose without attributes (what stock NER finds). */
  public EntityMention(String text, String type, String canonical, int sentenceIndex) {
    this(text, type, canonical, sentenceIndex, Map.of(), PROSE);
  }
}
