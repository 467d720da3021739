package io.moatwatch.analyse.corenlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An {@link Analysis} as compact JSON and back: what the NLP stage hands the annotation cache to store and reads
 * back from it (the cache keeps it as an opaque string under {@code cache.CacheKey}), with what its label readings
 * were made by ({@code labels}: {@code analyse.label.LabelModelSpec#readings}; absent when none were). Pure.
 */
public final class AnalysisCodec {
  /** The field naming what an entry's label readings were made by. */
  public static final String LABELS = "labels";
  private static final JsonMapper JSON = new JsonMapper();

  private AnalysisCodec() {}

  /** An analysis with its readings and what made them ({@code labels}; null: an analysis without readings). */
  public record Entry(Analysis analysis, String labels) {}

  public static String encode(Analysis a) {
    return encode(a, null);
  }

  /** {@code a} with {@code labels} (null: left out). */
  public static String encode(Analysis a, String labels) {
    try {
      if (labels == null) {
        return JSON.writeValueAsString(a);
      }
      ObjectNode tree = JSON.valueToTree(a);
      tree.put(LABELS, labels);
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes what {@link #encode} wrote; a damaged entry throws, and the post is then analysed again. */
  public static Analysis decode(String json) {
    return entry(json).analysis();
  }

  /** The analysis and what its readings were made by (null for an entry written without, as before 2026-12-07). */
  public static Entry entry(String json) {
    try {
      JsonNode tree = JSON.readTree(json);
      if (!(tree instanceof ObjectNode object)) {
        throw new UncheckedIOException(new IOException("an analysis is a JSON object, not " + tree.getNodeType()));
      }
      JsonNode labels = object.remove(LABELS);
      return new Entry(JSON.treeToValue(object, Analysis.class), labels == null || labels.isNull() ? null
          : labels.asText());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
