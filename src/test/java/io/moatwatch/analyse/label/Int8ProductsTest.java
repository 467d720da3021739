package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Which int8 matrix products of an ONNX model store signed weights. The shipped model is read as it is; the small
 * graphs are written here field by field as onnx.proto lays them out (ModelProto.graph = 7, GraphProto.node = 1 and
 * .initializer = 5, NodeProto.input = 1 and .op_type = 4, TensorProto.data_type = 2, .name = 8, .raw_data = 9),
 * standing in for models with and without signed weights (LabelModelIT and QualityIT run the shipped one).
 */
class Int8ProductsTest {
  private static final int INT8 = 3;
  private static final int UINT8 = 2;

  @Test
  void theShippedModelStoresEveryInt8ProductsWeightsUnsigned() {
    Int8Products shipped = Int8Products.of(ModelFiles.builtin().read(ModelFiles.MODEL));
    assertThat(shipped.products()).as("bge-small's 12 layers: 6 products each, and its two heads (post and stance)")
        .isEqualTo(74);
    assertThat(shipped.signed()).isZero();
    assertThat(LabelModelSpec.warnIfCpuDependent(shipped, "models/sentiment/model.onnx")).isFalse();
  }

  @Test
  void signedWeightsOfAMatMulIntegerAreFoundAndWarnedOf() throws IOException {
    byte[] model = model(
        node("MatMulInteger", "x_q", "w1", "x_zero", "w1_zero"),
        node("MatMulInteger", "x_q", "w2", "x_zero", "w2_zero"),
        node("Gather", "embeddings", "ids"),
        tensor("w1", INT8, 64), tensor("w1_zero", INT8, 4),
        tensor("w2", UINT8, 64), tensor("w2_zero", UINT8, 4),
        tensor("embeddings", INT8, 64));
    Int8Products found = Int8Products.of(model);
    assertThat(found).isEqualTo(new Int8Products(2, 1));
    assertThat(LabelModelSpec.warnIfCpuDependent(found, "mine/model.onnx")).isTrue();
  }

  @Test
  void aFileThatIsNoOnnxModelHasNoProducts() {
    assertThat(Int8Products.of("weights".getBytes(StandardCharsets.UTF_8))).isEqualTo(new Int8Products(0, 0));
    assertThat(Int8Products.of(new byte[0])).isEqualTo(new Int8Products(0, 0));
  }

  private static byte[] model(byte[]... graphParts) throws IOException {
    ByteArrayOutputStream graph = new ByteArrayOutputStream();
    for (byte[] part : graphParts) {
      graph.write(part);
    }
    return bytes(out -> {
      out.writeInt64(1, 8); // ir_version
      out.writeString(2, "test");
      out.writeByteArray(7, graph.toByteArray());
    });
  }

  private static byte[] node(String op, String... inputs) throws IOException {
    byte[] node = bytes(out -> {
      for (String input : inputs) {
        out.writeString(1, input);
      }
      out.writeString(2, op + "_out");
      out.writeString(4, op);
    });
    return bytes(out -> out.writeByteArray(1, node));
  }

  private static byte[] tensor(String name, int type, int size) throws IOException {
    byte[] tensor = bytes(out -> {
      out.writeInt64(1, size);
      out.writeInt32(2, type);
      out.writeString(8, name);
      out.writeByteArray(9, new byte[size]);
    });
    return bytes(out -> out.writeByteArray(5, tensor));
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] bytes(Fields fields) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buffer);
    fields.write(out);
    out.flush();
    return buffer.toByteArray();
  }
}
