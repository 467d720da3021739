package io.moatwatch.cache;

import static org.apache.spark.sql.functions.udf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * The annotation cache's content address, defined once: hex SHA-256 of the pipeline signature, a newline and the
 * cleaned text. Any change to the pipeline (parser, caps, NER options, gazetteer contents, CoreNLP version, the
 * label model) changes the signature, so old entries simply stop matching. {@link #column} computes the same
 * function on Spark rows, by calling {@link #of}.
 */
public final class CacheKey {
  private CacheKey() {}

  /** The key of {@code text} analysed by the pipeline {@code signature}. */
  public static String of(String signature, String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((signature + "\n" + text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #of} on a column of texts (null stays null). */
  public static Column column(String signature, Column text) {
    UDF1<String, String> key = t -> t == null ? null : of(signature, t);
    return udf(key, DataTypes.StringType).apply(text);
  }
}
