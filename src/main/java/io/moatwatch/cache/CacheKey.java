package io.moatwatch.cache;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.moatwatch.analyse.label.LabelModelSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * The annotation cache's content address, defined once: hex SHA-256 of CoreNLP's signature (its version and
 * settings: parser, caps, NER options, gazetteer contents, name rules), a newline and the cleaned text, and, for a
 * post with code blocks or log lines, a NUL line and that code (its entities are part of the analysis). A change to
 * CoreNLP's settings changes the key, so old entries simply stop matching. The label model is not part of it: each
 * entry says what its label readings were made by ({@link #labels}), so a new label model, or a path of its own for
 * some platforms, reads a cached text again without running CoreNLP (the NLP stage). {@link #column} computes the
 * same function on Spark rows, by calling {@link #of}. (Until 2026-12-07 the key held the whole pipeline signature,
 * the label model's included, so entries written before then no longer match.)
 */
public final class CacheKey {
  private CacheKey() {}

  /** The key of {@code text} analysed by CoreNLP's settings {@code signature}. */
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
   * What the label readings of each row's post are made by ({@link LabelModelSpec#readings} of its {@code
   * platform}); null for every row when no label model runs ({@code model} null: CoreNLP's labels).
   */
  public static Column labels(LabelModelSpec model, Column platform) {
    if (model == null) {
      return lit(null).cast(DataTypes.StringType);
    }
    if (model.genres() == null) {
      return lit(model.signature());
    }
    UDF1<String, String> readings = model::readings;
    return udf(readings, DataTypes.StringType).apply(platform);
  }
}
