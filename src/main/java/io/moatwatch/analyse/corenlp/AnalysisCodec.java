package io.moatwatch.analyse.corenlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The annotation cache's format: an {@link Analysis} as compact JSON, and the content address it is stored
 * under, SHA-256 of the pipeline signature and the cleaned text. Any change to the pipeline settings (parser,
 * caps, NER options, gazetteer contents, CoreNLP version) changes the signature, so old entries simply stop
 * matching. Pure, for the Spark NLP stage.
 */
public final class AnalysisCodec {
  private static final JsonMapper JSON = new JsonMapper();

  private AnalysisCodec() {}

  /** The cache key: hex SHA-256 of {@code signature + "\n" + text} (Spark's {@code sha2} computes the same). */
  public static String key(String signature, String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((signature + "\n" + text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

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
