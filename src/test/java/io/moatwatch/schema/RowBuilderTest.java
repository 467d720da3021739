package io.moatwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Rows by column name: a Spark Row is a plain value here (no session). */
class RowBuilderTest {
  private static final StructType IN = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("text", DataTypes.StringType, true);
  private static final StructType OUT = IN
      .add("label", DataTypes.StringType, true)
      .add("n", DataTypes.IntegerType, false);
  private static final RowBuilder.Shape SHAPE = RowBuilder.shape(OUT);

  @Test
  void columnsAreSetByNameAndTheRestIsNull() {
    Row r = SHAPE.row().set("n", 3).set("id", "a").build();
    assertThat(r.size()).isEqualTo(4);
    assertThat(r.getString(0)).isEqualTo("a");
    assertThat(r.isNullAt(1)).isTrue();
    assertThat(r.isNullAt(2)).isTrue();
    assertThat(r.getInt(3)).isEqualTo(3);
  }

  @Test
  void copyTakesTheColumnsBothSchemasHave() {
    Row in = RowFactory.create("a", "ROCm works");
    Row r = SHAPE.row().copy(in, IN).set("label", "positive").set("n", 1).build();
    assertThat(r.getString(1)).isEqualTo("ROCm works");
    assertThat(r.getString(2)).isEqualTo("positive");
  }

  @Test
  void anUnknownColumnOrAMissingRequiredOneIsNamed() {
    assertThatThrownBy(() -> SHAPE.row().set("labels", "x"))
        .hasMessage("no column 'labels' in struct<id:string,text:string,label:string,n:int>");
    assertThatThrownBy(() -> SHAPE.row().set("id", "a").build())
        .hasMessage("column 'n' may not be null and was not set");
  }

  @Test
  void everyStageRowOfTheJobHasItsRequiredColumns() {
    assertThatThrownBy(() -> RowBuilder.shape(Columns.READ).row().set(Columns.STATUS, "ok").build())
        .hasMessage("column 'format' may not be null and was not set");
  }
}
