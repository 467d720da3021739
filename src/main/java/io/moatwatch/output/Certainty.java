package io.moatwatch.output;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.moatwatch.stats.Wilson;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Spark glue for {@link io.moatwatch.stats}: the net sentiment's interval as columns over aggregated counts
 * ({@code topic_entities}; {@code topic_daily}'s figures are made on the driver, {@link DailyFigures}). The table it
 * serves has a few rows per topic, entity and day, so a UDF per row costs nothing worth measuring.
 */
final class Certainty {
  private static final UserDefinedFunction NET = udf(
      (UDF3<Long, Long, Boolean, Double>) (p, n, high) -> {
        double[] i = p == null || n == null ? null : Wilson.net(p, n);
        return i == null ? null : i[high ? 1 : 0];
      }, DataTypes.DoubleType);

  private Certainty() {}

  /** The 95 % interval of the net sentiment column {@code net} of counts p and n: {@code <net>_low}, {@code _high}. */
  static Dataset<Row> withNetInterval(Dataset<Row> rows, String net, Column positive, Column negative) {
    return rows.withColumn(net + "_low", net(positive, negative, false))
        .withColumn(net + "_high", net(positive, negative, true));
  }

  /** The 95 % bound of the net sentiment {@code (p - n) / (p + n)}. */
  static Column net(Column positive, Column negative, boolean high) {
    return NET.apply(positive, negative, lit(high));
  }
}
