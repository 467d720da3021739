package io.moatwatch.threads;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.prepare.PostPreparer;
import io.moatwatch.prepare.Status;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Stage;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The languages of the posts thread resolution left to be written ({@link Status#writtenToPosts()}), detected
 * once it is known which those are ({@link PostPreparer#language}): a post in another language becomes
 * {@code not_english} here. Posts that end off topic, duplicated or out of the window are never written, so
 * their language is never detected: at ten million Reddit comments that spares the detector 100,000 candidate
 * replies. Same columns in and out ({@link Columns#THREADED}).
 */
public final class PostLanguages {
  /** Fills {@code language} and may turn {@code pending} into {@code not_english}. */
  public static final Stage STAGE = new Stage("language",
      List.of(Columns.STATUS, Columns.REASON, Columns.TEXT_CLEAN, Columns.LANGUAGE), List.of());

  private static final StructType RESULT = new StructType()
      .add("language", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, false)
      .add("reason", DataTypes.StringType, true);

  private PostLanguages() {}

  public static Dataset<Row> detect(Dataset<Row> threaded, PostPreparer preparer) {
    UserDefinedFunction language = udf((UDF3<String, String, String, Row>) (text, status, reason) -> {
      PostPreparer.PostLanguage l = preparer.language(text, Status.fromLabel(status), reason);
      return RowFactory.create(l.language(), l.status().label(), l.reason());
    }, RESULT).asNondeterministic(); // evaluated once per row, not once per column that reads its result
    Column written = col(Columns.STATUS).isin(Arrays.stream(Status.values()).filter(Status::writtenToPosts)
        .map(Status::label).toArray());
    Column wanted = written.and(col(Columns.TEXT_CLEAN).isNotNull()).and(length(col(Columns.TEXT_CLEAN)).gt(0));
    String[] columns = threaded.columns();
    return threaded
        .withColumn("_language", when(wanted, language.apply(col(Columns.TEXT_CLEAN), col(Columns.STATUS),
            col(Columns.REASON))))
        .withColumn(Columns.LANGUAGE, when(wanted, col("_language.language")).otherwise(col(Columns.LANGUAGE)))
        .withColumn(Columns.STATUS, when(wanted, col("_language.status")).otherwise(col(Columns.STATUS)))
        .withColumn(Columns.REASON, when(wanted, col("_language.reason")).otherwise(col(Columns.REASON)))
        .select(Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new));
  }
}
