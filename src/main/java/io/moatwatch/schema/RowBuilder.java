package io.moatwatch.schema;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A row of a known schema built by column name, so a stage sets what it produces and nothing counts nulls:
 * {@code READ.row().set(Columns.STATUS, "ok").set(Columns.FILE, f).build()} with
 * {@code static final Shape READ = RowBuilder.shape(Columns.READ)}. Columns never set are null; {@link #build()}
 * fails, naming the column, when a non-nullable one is missing, and {@link #set} when the schema has no such
 * column. Not thread-safe: one builder per row.
 */
public final class RowBuilder {
  /** A schema with its column positions looked up once; make one per schema and JVM (a static field). */
  public static final class Shape {
    private final StructType schema;
    private final Map<String, Integer> index = new HashMap<>();

    private Shape(StructType schema) {
      this.schema = schema;
      StructField[] fields = schema.fields();
      for (int i = 0; i < fields.length; i++) {
        index.put(fields[i].name(), i);
      }
    }

    /** A new, empty row of this shape. */
    public RowBuilder row() {
      return new RowBuilder(this);
    }

    public StructType schema() {
      return schema;
    }
  }

  private final Shape shape;
  private final Object[] values;

  private RowBuilder(Shape shape) {
    this.shape = shape;
    this.values = new Object[shape.schema.size()];
  }

  public static Shape shape(StructType schema) {
    return new Shape(schema);
  }

  /** Sets one column's value (a Scala Seq for arrays, see {@link Columns#seq}). */
  public RowBuilder set(String column, Object value) {
    values[index(column)] = value;
    return this;
  }

  /** Copies every column of {@code row} (of schema {@code from}) that this schema also has, by name. */
  public RowBuilder copy(Row row, StructType from) {
    StructField[] fields = from.fields();
    for (int i = 0; i < fields.length; i++) {
      Integer at = shape.index.get(fields[i].name());
      if (at != null) {
        values[at] = row.get(i);
      }
    }
    return this;
  }

  /** The row; every non-nullable column must have been set. */
  public Row build() {
    StructField[] fields = shape.schema.fields();
    for (int i = 0; i < fields.length; i++) {
      if (values[i] == null && !fields[i].nullable()) {
        throw new IllegalStateException("column '" + fields[i].name() + "' may not be null and was not set");
      }
    }
    return RowFactory.create(values);
  }

  private int index(String column) {
    Integer at = shape.index.get(column);
    if (at == null) {
      throw new IllegalArgumentException("no column '" + column + "' in " + shape.schema.simpleString());
    }
    return at;
  }
}
