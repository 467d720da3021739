package io.moatwatch.output;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.moatwatch.stats.Prevalence;
import io.moatwatch.stats.Wilson;
import org.apache.spark.sql.Column;
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

  /** The 95 % Wilson bound of the share {@code k / n}. */
  static Column share(Column k, Column n, boolean high) {
    return SHARE.apply(k, n, lit(high));
  }

  /** The 95 % bound of the net sentiment {@code (p - n) / (p + n)}. */
  static Column net(Column positive, Column negative, boolean high) {
    return NET.apply(positive, negative, lit(high));
  }

  /**
   * The adjusted negative / neutral / positive shares and their 95 % bounds, as one array column of nine
   * ({@link Prevalence#adjustWithInterval}); null everywhere when {@code confusion} is null (no label model).
   */
  static Column adjusted(Column negative, Column neutral, Column positive, long[][] confusion) {
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
