package io.moatwatch.analyse.corenlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * An {@link Analysis} as compact JSON and back: what the NLP stage hands the annotation cache to store and reads
 * back from it (the cache keeps it as an opaque string under {@code cache.CacheKey}). Pure.
 */
public final class AnalysisCodec {
  private static final JsonMapper JSON = new JsonMapper();

  private AnalysisCodec() {}

  public static String encode(Analysis a) {
    try {
      return JSON.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes what {@link #encode} wrote; a damaged entry throws, and the post is then analysed again. */
  public static Analysis decode(String json) {
    try {
      return JSON.readValue(json, Analysis.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
