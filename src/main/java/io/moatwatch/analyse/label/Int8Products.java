package io.moatwatch.analyse.label;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The int8 matrix products of an ONNX model ({@code MatMulInteger} nodes whose weights are initializers), and how
 * many of them store their weights signed, in the main graph and in every subgraph (the branches of an {@code If}:
 * the shipped model's two paths' top layers, training/genre_branch.py). ONNX Runtime multiplies unsigned activations
 * by signed weights with an instruction that adds two products into 16 bits and saturates on x86-64 CPUs without
 * VNNI, so a model whose signed weights reach outside -64..63 gives probabilities that depend on the CPU (QUALITY.md,
 * "The same figures on every CPU"): two products of an activation (0..255) and a weight within -64..63 stay under
 * 32,767, so 7-bit signed weights ({@code training/s7_weights.py}) are exact everywhere, as are weights stored
 * unsigned ({@code training/u8_weights.py}).
 *
 * <p>Reads the file's protobuf (onnx.proto: ModelProto.graph, GraphProto.node and .initializer, NodeProto.input,
 * .op_type and .attribute, AttributeProto.g and .graphs, TensorProto.data_type, .name, .raw_data and .int32_data)
 * with protobuf-java's wire reader, reading the bytes of signed int8 tensors only. Names are unique across a model's
 * graphs (ONNX's single assignment), so a subgraph's product finds its weights among the initializers of its own
 * graph or an enclosing one. A signed tensor whose values come before its type in the file (protobuf writers put
 * fields in number order, so none here does) is counted as full range.
 * A file that is not such a protobuf has no products here: whether it is a model at all is ONNX Runtime's to say.
 *
 * @param products  int8 matrix products whose weights are an initializer
 * @param signed    of those, the ones whose weights are signed (INT8)
 * @param fullRange of those, the ones with a weight outside -64..63: the products that can saturate
 */
record Int8Products(int products, int signed, int fullRange) {
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OP_TYPE = 4;
  private static final int NODE_ATTRIBUTE = 5;
  private static final int ATTRIBUTE_GRAPH = 6;
  private static final int ATTRIBUTE_GRAPHS = 11;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_INT32_DATA = 5;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  /** The weights a signed product takes without saturating: two products of 255 and 64 stay under 32,767. */
  static final int SEVEN_BIT_MIN = -64;
  static final int SEVEN_BIT_MAX = 63;
  /** onnx.proto TensorProto.DataType. */
  static final int INT8 = 3;
  static final int UINT8 = 2;

  static Int8Products of(byte[] onnx) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(onnx);
      in.setSizeLimit(Integer.MAX_VALUE);
      List<String> weights = new ArrayList<>();
      Tensors tensors = new Tensors(new HashSet<>(), new HashSet<>(), new HashSet<>());
      while (!in.isAtEnd()) {
        int tag = in.readTag();
        if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH && isMessage(tag)) {
          int limit = in.pushLimit(in.readRawVarint32());
          graph(in, weights, tensors);
          in.popLimit(limit);
        } else if (!in.skipField(tag)) {
          break;
        }
      }
      int products = 0;
      int signed = 0;
      int fullRange = 0;
      for (String w : weights) {
        if (tensors.int8().contains(w) || tensors.uint8().contains(w)) {
          products++;
          signed += tensors.int8().contains(w) ? 1 : 0;
          fullRange += tensors.wide().contains(w) ? 1 : 0;
        }
      }
      return new Int8Products(products, signed, fullRange);
    } catch (IOException | RuntimeException e) {
      return new Int8Products(0, 0, 0);
    }
  }

  /** The int8 initializers met so far by name: signed, unsigned, and the signed ones with a value outside 7 bits. */
  private record Tensors(Set<String> int8, Set<String> uint8, Set<String> wide) {
  }

  private static void graph(CodedInputStream in, List<String> weights, Tensors tensors) throws IOException {
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == GRAPH_NODE && isMessage(tag)) {
        int limit = in.pushLimit(in.readRawVarint32());
        String weight = productWeight(in, weights, tensors);
        if (weight != null) {
          weights.add(weight);
        }
        in.popLimit(limit);
      } else if (field == GRAPH_INITIALIZER && isMessage(tag)) {
        int limit = in.pushLimit(in.readRawVarint32());
        tensor(in, tensors);
        in.popLimit(limit);
      } else if (!in.skipField(tag)) {
        return;
      }
    }
  }

  /**
   * A MatMulInteger node's second input (its weights), or null for any other node; the products of the graphs the
   * node holds as attributes go into {@code weights} on the way.
   */
  private static String productWeight(CodedInputStream in, List<String> weights, Tensors tensors) throws IOException {
    List<String> inputs = new ArrayList<>();
    String op = "";
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == NODE_INPUT && isMessage(tag)) {
        inputs.add(in.readString());
      } else if (field == NODE_OP_TYPE && isMessage(tag)) {
        op = in.readString();
      } else if (field == NODE_ATTRIBUTE && isMessage(tag)) {
        int limit = in.pushLimit(in.readRawVarint32());
        subgraphs(in, weights, tensors);
        in.popLimit(limit);
      } else if (!in.skipField(tag)) {
        break;
      }
    }
    return "MatMulInteger".equals(op) && inputs.size() > 1 ? inputs.get(1) : null;
  }

  /** An attribute's graphs (an If's branches, a Loop's body), read as graphs; any other attribute is skipped. */
  private static void subgraphs(CodedInputStream in, List<String> weights, Tensors tensors) throws IOException {
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      if ((field == ATTRIBUTE_GRAPH || field == ATTRIBUTE_GRAPHS) && isMessage(tag)) {
        int limit = in.pushLimit(in.readRawVarint32());
        graph(in, weights, tensors);
        in.popLimit(limit);
      } else if (!in.skipField(tag)) {
        return;
      }
    }
  }

  private static void tensor(CodedInputStream in, Tensors tensors) throws IOException {
    int type = 0;
    String name = null;
    boolean valuesSeen = false;
    boolean wide = false;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == TENSOR_DATA_TYPE && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
        type = in.readInt32();
      } else if (field == TENSOR_NAME && isMessage(tag)) {
        name = in.readString();
      } else if (field == TENSOR_RAW_DATA && isMessage(tag) && type == INT8) {
        valuesSeen = true;
        wide |= !sevenBit(in.readByteArray());
      } else if (field == TENSOR_INT32_DATA && isMessage(tag) && type == INT8) {
        valuesSeen = true;
        int limit = in.pushLimit(in.readRawVarint32());
        while (!in.isAtEnd()) {
          wide |= !sevenBit(in.readInt32());
        }
        in.popLimit(limit);
      } else if (field == TENSOR_INT32_DATA && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT
          && type == INT8) {
        valuesSeen = true;
        wide |= !sevenBit(in.readInt32());
      } else if (!in.skipField(tag)) {
        break;
      }
    }
    if (name != null && type == INT8) {
      tensors.int8().add(name);
      if (wide || !valuesSeen) {
        tensors.wide().add(name);
      }
    } else if (name != null && type == UINT8) {
      tensors.uint8().add(name);
    }
  }

  private static boolean sevenBit(byte[] values) {
    for (byte v : values) {
      if (!sevenBit(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean sevenBit(int v) {
    return v >= SEVEN_BIT_MIN && v <= SEVEN_BIT_MAX;
  }

  private static boolean isMessage(int tag) {
    return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }
}
