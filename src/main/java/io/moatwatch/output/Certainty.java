package io.moatwatch.output;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.stats.Prevalence;
import io.moatwatch.stats.Wilson;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Spark glue for {@link io.moatwatch.stats}: interval and prevalence-correction columns over aggregated counts.
 * The tables it serves have a few rows per topic and day, so a UDF per row costs nothing worth measuring.
 */
final class Certainty {
  /** Bootstrap resamples for the adjusted shares' intervals, and their seed (the same output on every run). */
  static final int RESAMPLES = 1000;
  static final long SEED = 20261201L;

  private static final UserDefinedFunction SHARE = udf(
      (UDF3<Long, Long, Boolean, Double>) (k, n, high) -> {
        double[] i = k == null || n == null ? null : Wilson.interval(k, n, Wilson.Z95);
        return i == null ? null : i[high ? 1 : 0];
      }, DataTypes.DoubleType);

  private static final UserDefinedFunction NET = udf(
      (UDF3<Long, Long, Boolean, Double>) (p, n, high) -> {
        double[] i = p == null || n == null ? null : Wilson.net(p, n);
        return i == null ? null : i[high ? 1 : 0];
      }, DataTypes.DoubleType);

  private Certainty() {}

  /**
   * For each of {@code <prefix>positive}, {@code <prefix>neutral} and {@code <prefix>negative} (counts), its share
   * of {@code total} ({@code ..._share}, null when the total is 0) and the share's 95 % Wilson interval
   * ({@code ..._share_low}, {@code ..._share_high}).
   */
  static Dataset<Row> withShares(Dataset<Row> rows, String prefix, Column total) {
    for (String label : List.of("positive", "neutral", "negative")) {
      Column k = col(prefix + label);
      rows = rows.withColumn(prefix + label + "_share", when(total.gt(0), k.divide(total)))
          .withColumn(prefix + label + "_share_low", share(k, total, false))
          .withColumn(prefix + label + "_share_high", share(k, total, true));
    }
    return rows;
  }

  /** The 95 % interval of the net sentiment column {@code net} of counts p and n: {@code <net>_low}, {@code _high}. */
  static Dataset<Row> withNetInterval(Dataset<Row> rows, String net, Column positive, Column negative) {
    return rows.withColumn(net + "_low", net(positive, negative, false))
        .withColumn(net + "_high", net(positive, negative, true));
  }

  /** The 95 % Wilson bound of the share {@code k / n}. */
  static Column share(Column k, Column n, boolean high) {
    return SHARE.apply(k, n, lit(high));
  }

  /** The 95 % bound of the net sentiment {@code (p - n) / (p + n)}. */
  static Column net(Column positive, Column negative, boolean high) {
    return NET.apply(positive, negative, lit(high));
  }

  /**
   * The negative / neutral / positive shares adjusted for the label model's known errors
   * ({@link Prevalence#adjustWithInterval}): {@code adjusted_<label>_share}, {@code ..._low}, {@code ..._high};
   * null everywhere when {@code confusion} is null (no label model).
   */
  static Dataset<Row> withAdjustedShares(Dataset<Row> rows, Column negative, Column neutral, Column positive,
      long[][] confusion) {
    Column adjusted = adjusted(negative, neutral, positive, confusion);
    rows = rows.withColumn("_adjusted", adjusted);
    List<String> labels = LabelModelSpec.LABELS;
    for (int c = 0; c < labels.size(); c++) {
      // Prevalence's layout: the k shares, then the k lows, then the k highs.
      rows = rows.withColumn("adjusted_" + labels.get(c) + "_share", element_at(col("_adjusted"), c + 1))
          .withColumn("adjusted_" + labels.get(c) + "_share_low", element_at(col("_adjusted"), labels.size() + c + 1))
          .withColumn("adjusted_" + labels.get(c) + "_share_high",
              element_at(col("_adjusted"), 2 * labels.size() + c + 1));
    }
    return rows.drop("_adjusted");
  }

  /** The adjusted shares and their bounds as one array column of nine, in {@link Prevalence}'s layout. */
  private static Column adjusted(Column negative, Column neutral, Column positive, long[][] confusion) {
    if (confusion == null) {
      return lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType));
    }
    Prevalence prevalence = new Prevalence(confusion);
    UserDefinedFunction f = udf((UDF1<scala.collection.Seq<Long>, double[]>) counts -> {
      long[] c = new long[3];
      for (int i = 0; i < 3; i++) {
        c[i] = counts.apply(i);
      }
      return prevalence.adjustWithInterval(c, RESAMPLES, SEED);
    }, DataTypes.createArrayType(DataTypes.DoubleType));
    return f.apply(array(negative, neutral, positive));
  }
}
