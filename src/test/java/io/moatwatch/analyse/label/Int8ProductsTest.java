package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Which int8 matrix products of an ONNX model store signed weights, and which of those reach outside 7 bits. The
 * shipped model is read as it is; the small graphs are written here field by field as onnx.proto lays them out
 * (ModelProto.graph = 7, GraphProto.node = 1 and .initializer = 5, NodeProto.input = 1 and .op_type = 4,
 * TensorProto.data_type = 2, .int32_data = 5, .name = 8, .raw_data = 9), standing in for models with and without
 * such weights (LabelModelIT and QualityIT run the shipped one). The last tests run such products in ONNX Runtime:
 * what the shipped model's labels being the same on every CPU rests on.
 */
class Int8ProductsTest {
  private static final int INT8 = Int8Products.INT8;
  private static final int UINT8 = Int8Products.UINT8;
  /** onnx.proto TensorProto.DataType of the product's output, which Int8Products has no use for. */
  private static final int INT32 = 6;

  @Test
  void theShippedModelStoresEveryInt8ProductsWeightsInSevenBits() {
    Int8Products shipped = Int8Products.of(ModelFiles.builtin().read(ModelFiles.MODEL));
    assertThat(shipped.products()).as("bge-small's 12 layers: 6 products each, and its two heads (post and stance);"
        + " the Stack Exchange path's 8 layers and post head, in the If's branches with the shared top 8 layers")
        .isEqualTo(74 + 8 * 6 + 1);
    assertThat(shipped.signed()).as("training/s7_weights.py stores them signed").isEqualTo(shipped.products());
    assertThat(shipped.fullRange()).isZero();
    assertThat(LabelModelSpec.warnIfCpuDependent(shipped, "models/sentiment/model.onnx")).isFalse();
  }

  @Test
  void fullRangeSignedWeightsOfAMatMulIntegerAreFoundAndWarnedOf() throws IOException {
    byte[] fullRange = new byte[64];
    fullRange[17] = -65;
    byte[] model = model(
        node("MatMulInteger", "x_q", "w1", "x_zero", "w1_zero"),
        node("MatMulInteger", "x_q", "w2", "x_zero", "w2_zero"),
        node("Gather", "embeddings", "ids"),
        tensor("w1", INT8, fullRange, 64), tensor("w1_zero", INT8, 4),
        tensor("w2", UINT8, 64), tensor("w2_zero", UINT8, 4),
        tensor("embeddings", INT8, 64));
    Int8Products found = Int8Products.of(model);
    assertThat(found).isEqualTo(new Int8Products(2, 1, 1));
    assertThat(LabelModelSpec.warnIfCpuDependent(found, "mine/model.onnx")).isTrue();
  }

  /** Signed weights within -64..63 (training/s7_weights.py) cannot saturate: counted as signed, not warned of. */
  @Test
  void sevenBitSignedWeightsAreNotWarnedOf() throws IOException {
    byte[] sevenBit = new byte[64];
    sevenBit[3] = -64;
    sevenBit[9] = 63;
    byte[] int32Data = bytes(out -> {
      out.writeInt32(2, INT8);
      out.writeString(8, "w2");
      out.writeByteArray(5, bytes(packed -> {
        packed.writeInt32NoTag(-64);
        packed.writeInt32NoTag(63);
      }));
    });
    byte[] model = model(
        node("MatMulInteger", "x_q", "w1", "x_zero", "w1_zero"),
        node("MatMulInteger", "x_q", "w2", "x_zero", "w2_zero"),
        tensor("w1", INT8, sevenBit, 64), bytes(out -> out.writeByteArray(5, int32Data)));
    Int8Products found = Int8Products.of(model);
    assertThat(found).isEqualTo(new Int8Products(2, 2, 0));
    assertThat(LabelModelSpec.warnIfCpuDependent(found, "mine/model.onnx")).isFalse();
    // One value past 7 bits, in either encoding, is enough.
    sevenBit[40] = 64;
    assertThat(Int8Products.of(model(node("MatMulInteger", "x_q", "w1", "x_zero", "w1_zero"),
        tensor("w1", INT8, sevenBit, 64)))).isEqualTo(new Int8Products(1, 1, 1));
    byte[] wideInt32 = bytes(out -> {
      out.writeInt32(2, INT8);
      out.writeString(8, "w2");
      out.writeByteArray(5, bytes(packed -> packed.writeInt32NoTag(-65)));
    });
    assertThat(Int8Products.of(model(node("MatMulInteger", "x_q", "w2", "x_zero", "w2_zero"),
        bytes(out -> out.writeByteArray(5, wideInt32))))).isEqualTo(new Int8Products(1, 1, 1));
  }

  /** An If whose branches hold products (as the shipped model's paths do): their weights, signed ones too, count. */
  @Test
  void productsInsideAnIfsBranchesAreFound() throws IOException {
    byte[] then = graph(node("MatMulInteger", "x_q", "w_then", "x_zero", "w_then_zero"),
        tensor("w_then", INT8, new byte[] {-128, 0, 0, 0}, 4), tensor("w_then_zero", INT8, 4));
    byte[] otherwise = graph(node("MatMulInteger", "x_q", "w_outer", "x_zero", "w_outer_zero"));
    byte[] branches = bytes(out -> {
      out.writeString(1, "If");
      out.writeString(4, "If");
      out.writeByteArray(5, attribute("then_branch", then));
      out.writeByteArray(5, attribute("else_branch", otherwise));
    });
    byte[] model = model(
        node("MatMulInteger", "x_q", "w_main", "x_zero", "w_main_zero"),
        bytes(out -> out.writeByteArray(1, branches)),
        tensor("w_main", UINT8, 64), tensor("w_outer", UINT8, 64));
    // The else branch's product reads an initializer of the main graph (outer scope), the then branch's its own.
    assertThat(Int8Products.of(model)).isEqualTo(new Int8Products(3, 1, 1));
  }

  @Test
  void aFileThatIsNoOnnxModelHasNoProducts() {
    assertThat(Int8Products.of("weights".getBytes(StandardCharsets.UTF_8))).isEqualTo(new Int8Products(0, 0, 0));
    assertThat(Int8Products.of(new byte[0])).isEqualTo(new Int8Products(0, 0, 0));
  }

  /**
   * A {@code MatMulInteger} of unsigned activations (zero point 128, as the model's DynamicQuantizeLinear makes them)
   * by full-range int8 weights stored unsigned (w + 128, zero point 128, as training/u8_weights.py stores them): ONNX
   * Runtime on this CPU must give the exact integer products. Signed weights of the same range are not computed
   * exactly on CPUs without VNNI (QUALITY.md, "The same figures on every CPU"), which is why no model stores them.
   * On a CPU with VNNI every int8 product is exact, full-range signed ones too (checked on the AMD EPYC build machine
   * with AVX-512 VNNI, 2026-12-08), so these two checks can fail only on a CPU without it, where they matter.
   */
  @Test
  void onnxRuntimeComputesUnsignedInt8ProductsExactlyOnThisCpu() throws Exception {
    assertExactProducts(UINT8, 128, -127, 127);
  }

  /**
   * The same for 7-bit signed weights (zero point 0, as training/s7_weights.py stores them), the shipped model's:
   * the signed product adds two products into 16 bits without VNNI, and two of 255 x 63 or 255 x -64 fit.
   */
  @Test
  void onnxRuntimeComputesSevenBitSignedProductsExactlyOnThisCpu() throws Exception {
    assertExactProducts(INT8, 0, Int8Products.SEVEN_BIT_MIN, Int8Products.SEVEN_BIT_MAX);
  }

  /**
   * Random activations and weights in lo..hi, stored as w + zero with that zero point, plus the worst case for a
   * saturating product: a row of activations 255 against a column of weights all hi and one all lo.
   */
  private static void assertExactProducts(int weightType, int zero, int lo, int hi) throws Exception {
    int rows = 4;
    int depth = 64;
    int cols = 8;
    Random random = new Random(20261207);
    byte[] activations = new byte[rows * depth];
    byte[] weights = new byte[depth * cols];
    byte[] weightZero = new byte[cols];
    long[][] exact = new long[rows][cols];
    int[] w = new int[depth * cols];
    for (int i = 0; i < w.length; i++) {
      int column = i % cols;
      w[i] = column == 0 ? hi : column == 1 ? lo : lo + random.nextInt(hi - lo + 1);
      weights[i] = (byte) (w[i] + zero);
    }
    Arrays.fill(weightZero, (byte) zero);
    for (int i = 0; i < activations.length; i++) {
      activations[i] = (byte) (i < depth ? 255 : random.nextInt(256));
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        for (int k = 0; k < depth; k++) {
          exact[r][c] += (long) ((activations[r * depth + k] & 0xff) - 128) * w[k * cols + c];
        }
      }
    }
    byte[] model = model(
        node("MatMulInteger", "a", "w", "a_zero", "w_zero"),
        tensor("w", weightType, weights, depth, cols), tensor("w_zero", weightType, weightZero, cols),
        tensor("a_zero", UINT8, new byte[] {(byte) 128}),
        bytes(out -> out.writeByteArray(11, valueInfo("a", UINT8, rows, depth))),
        bytes(out -> out.writeByteArray(12, valueInfo("MatMulInteger_out", INT32, rows, cols))));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
        OnnxTensor a = OnnxTensor.createTensor(env, ByteBuffer.wrap(activations), new long[] {rows, depth},
            OnnxJavaType.UINT8);
        OrtSession.Result result = session.run(Map.of("a", a))) {
      int[][] got = (int[][]) result.get(0).getValue();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          assertThat((long) got[r][c]).as("row %d column %d", r, c).isEqualTo(exact[r][c]);
        }
      }
    }
  }

  private static byte[] model(byte[]... graphParts) throws IOException {
    ByteArrayOutputStream graph = new ByteArrayOutputStream();
    for (byte[] part : graphParts) {
      graph.write(part);
    }
    byte[] opset = bytes(out -> {
      out.writeString(1, "");
      out.writeInt64(2, 17);
    });
    return bytes(out -> {
      out.writeInt64(1, 8); // ir_version
      out.writeString(2, "test");
      out.writeByteArray(7, graph.toByteArray());
      out.writeByteArray(8, opset);
    });
  }

  /** A GraphProto of nodes and initializers (the parts as model() takes them), unwrapped. */
  private static byte[] graph(byte[]... parts) throws IOException {
    ByteArrayOutputStream graph = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      graph.write(part);
    }
    return graph.toByteArray();
  }

  /** An AttributeProto holding a graph: name = 1, g = 6, type = 20 (GRAPH = 5). */
  private static byte[] attribute(String name, byte[] graph) throws IOException {
    return bytes(out -> {
      out.writeString(1, name);
      out.writeByteArray(6, graph);
      out.writeInt32(20, 5);
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
    return tensor(name, type, new byte[size], size);
  }

  /** An initializer (GraphProto.initializer) of one-byte elements. */
  private static byte[] tensor(String name, int type, byte[] raw, long... dims) throws IOException {
    byte[] tensor = bytes(out -> {
      for (long d : dims) {
        out.writeInt64(1, d);
      }
      out.writeInt32(2, type);
      out.writeString(8, name);
      out.writeByteArray(9, raw);
    });
    return bytes(out -> out.writeByteArray(5, tensor));
  }

  /** A graph input or output: ValueInfoProto{name, type: TypeProto{tensor_type: {elem_type, shape: {dim*}}}}. */
  private static byte[] valueInfo(String name, int type, long... dims) throws IOException {
    ByteArrayOutputStream shape = new ByteArrayOutputStream();
    for (long d : dims) {
      shape.write(bytes(out -> out.writeByteArray(1, bytes(dim -> dim.writeInt64(1, d)))));
    }
    byte[] tensorType = bytes(out -> {
      out.writeInt32(1, type);
      out.writeByteArray(2, shape.toByteArray());
    });
    return bytes(out -> {
      out.writeString(1, name);
      out.writeByteArray(2, bytes(t -> t.writeByteArray(1, tensorType)));
    });
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
