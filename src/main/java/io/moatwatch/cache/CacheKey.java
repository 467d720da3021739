package io.moatwatch.cache;

import static org.apache.spark.sql.functions.udf;

import io.moatwatch.analyse.label.LabelModelSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;

/**
 * The annotation cache's content address, defined once: hex SHA-256 of the pipeline signature, a newline and the
 * cleaned text, and, for a post with code blocks or log lines, a NUL line and that code (its entities are part of
 * the analysis). Any change to the pipeline (parser, caps, NER options, gazetteer contents, name rules, CoreNLP
 * version, the label model) changes the signature, so old entries simply stop matching. A post the label model reads
 * through a path of its own (a Stack Exchange post with the shipped model) is keyed by the pipeline's signature and
 * that path's ({@link #signature(String, long)}). {@link #column} computes the same function on Spark rows, by calling
 * {@link #of}.
 */
public final class CacheKey {
  private CacheKey() {}

  /** The key of {@code text} analysed by the pipeline {@code signature}. */
  public static String of(String signature, String text) {
    return of(signature, text, null);
  }

  /** The key of {@code text} with its {@code code} (null or blank: none) analysed by {@code signature}. */
  public static String of(String signature, String text, String code) {
    String content = code == null || code.isBlank() ? text : text + "\n\u0000\n" + code;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((signature + "\n" + content).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #of} on columns of texts and code (a null text stays null). */
  public static Column column(String signature, Column text, Column code) {
    UDF2<String, String, String> key = (t, c) -> t == null ? null : of(signature, t, c);
    return udf(key, DataTypes.StringType).apply(text, code);
  }

  /**
   * The signature a post's analysis is made by when the label model reads the posts of some platforms through a
   * path of their own ({@link LabelModelSpec.Genres}): the pipeline's, and the genre's value where it is not 0, so
   * the same text from a routed and from another platform has two entries.
   */
  public static String signature(String pipeline, long genre) {
    return genre == 0 ? pipeline : pipeline + " genre=" + genre;
  }

  /** {@link #column} with each row's signature from its platform ({@code genres} null: the pipeline's for all). */
  public static Column column(String pipeline, LabelModelSpec.Genres genres, Column text, Column code,
      Column platform) {
    if (genres == null) {
      return column(pipeline, text, code);
    }
    UDF3<String, String, String, String> key =
        (t, c, p) -> t == null ? null : of(signature(pipeline, genres.of(p)), t, c);
    return udf(key, DataTypes.StringType).apply(text, code, platform);
  }
}
