package io.moatwatch.threads;

import io.moatwatch.prepare.PostPreparer;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.schema.RowBuilder;
import io.moatwatch.schema.Status;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
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
  public static final Contract STAGE = new Contract("language",
      List.of(Columns.STATUS, Columns.REASON, Columns.TEXT_CLEAN, Columns.LANGUAGE), List.of());
  /** Rows taken from a partition at a time; their posts are detected in parallel. */
  private static final int BATCH = 512;

  private PostLanguages() {}

  /**
   * The rows with their languages. A partition's posts are detected several at a time on the common fork-join
   * pool: the read stage leaves a compressed dump's posts in the one partition of its one task, and when the
   * posts are few thread resolution no longer shuffles them, so a UDF would detect them all on one core.
   */
  public static Dataset<Row> detect(Dataset<Row> threaded, PostPreparer preparer) {
    StructType schema = threaded.schema();
    return threaded.mapPartitions(new DetectPartition(preparer, schema), Encoders.row(schema));
  }

  /** The detection over one partition, in batches of {@link #BATCH} rows, each in parallel. */
  private static final class DetectPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final PostPreparer preparer;
    private final StructType schema;

    DetectPartition(PostPreparer preparer, StructType schema) {
      this.preparer = preparer;
      this.schema = schema;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      RowBuilder.Shape shape = RowBuilder.shape(schema);
      int status = schema.fieldIndex(Columns.STATUS);
      int reason = schema.fieldIndex(Columns.REASON);
      int text = schema.fieldIndex(Columns.TEXT_CLEAN);
      return new Iterator<>() {
        private Row[] batch = new Row[0];
        private int next;

        @Override
        public boolean hasNext() {
          if (next < batch.length) {
            return true;
          }
          List<Row> pulled = new ArrayList<>(BATCH);
          while (pulled.size() < BATCH && rows.hasNext()) {
            pulled.add(rows.next());
          }
          batch = pulled.parallelStream().map(this::detect).toArray(Row[]::new);
          next = 0;
          return batch.length > 0;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row r = batch[next];
          batch[next++] = null;
          return r;
        }

        /** A row to be written and with text gets its language (and maybe {@code not_english}); others as they are. */
        private Row detect(Row row) {
          String clean = row.getString(text);
          Status was = Status.fromLabel(row.getString(status));
          if (!was.writtenToPosts() || clean == null || clean.isEmpty()) {
            return row;
          }
          PostPreparer.PostLanguage l = preparer.language(clean, was, row.getString(reason));
          return shape.row().copy(row, schema).set(Columns.LANGUAGE, l.language())
              .set(Columns.STATUS, l.status().label()).set(Columns.REASON, l.reason()).build();
        }
      };
    }
  }
}
