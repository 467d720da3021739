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
 * the shipped model's two paths' top layers, training/genre_branch.py). ONNX Runtime multiplies unsigned activations by signed weights with an
 * instruction that saturates on x86-64 CPUs without VNNI, so such a model's probabilities depend on the CPU
 * (QUALITY.md, "The same figures on every CPU"); {@code training/u8_weights.py} stores the same integers unsigned.
 *
 * <p>Reads the file's protobuf (onnx.proto: ModelProto.graph, GraphProto.node and .initializer, NodeProto.input,
 * .op_type and .attribute, AttributeProto.g and .graphs, TensorProto.data_type and .name) with protobuf-java's wire
 * reader, skipping the weights' bytes. Names are unique across a model's graphs (ONNX's single assignment), so a
 * subgraph's product finds its weights among the initializers of its own graph or an enclosing one.
 * A file that is not such a protobuf has no products here: whether it is a model at all is ONNX Runtime's to say.
 *
 * @param products int8 matrix products whose weights are an initializer
 * @param signed   of those, the ones whose weights are signed (INT8)
 */
record Int8Products(int products, int signed) {
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OP_TYPE = 4;
  private static final int NODE_ATTRIBUTE = 5;
  private static final int ATTRIBUTE_GRAPH = 6;
  private static final int ATTRIBUTE_GRAPHS = 11;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_NAME = 8;
  /** onnx.proto TensorProto.DataType. */
  static final int INT8 = 3;
  static final int UINT8 = 2;

  static Int8Products of(byte[] onnx) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(onnx);
      in.setSizeLimit(Integer.MAX_VALUE);
      List<String> weights = new ArrayList<>();
      Set<String> int8 = new HashSet<>();
      Set<String> uint8 = new HashSet<>();
      while (!in.isAtEnd()) {
        int tag = in.readTag();
        if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH && isMessage(tag)) {
          int limit = in.pushLimit(in.readRawVarint32());
          graph(in, weights, int8, uint8);
          in.popLimit(limit);
        } else if (!in.skipField(tag)) {
          break;
        }
      }
      int products = 0;
      int signed = 0;
      for (String w : weights) {
        if (int8.contains(w) || uint8.contains(w)) {
          products++;
          signed += int8.contains(w) ? 1 : 0;
        }
      }
      return new Int8Products(products, signed);
    } catch (IOException | RuntimeException e) {
      return new Int8Products(0, 0);
    }
  }

  private static void graph(CodedInputStream in, List<String> weights, Set<String> int8, Set<String> uint8)
      throws IOException {
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == GRAPH_NODE && isMessage(tag)) {
        int limit = in.pushLimit(in.readRawVarint32());
        String weight = productWeight(in, weights, int8, uint8);
        if (weight != null) {
          weights.add(weight);
        }
        in.popLimit(limit);
      } else if (field == GRAPH_INITIALIZER && isMessage(tag)) {
        int limit = in.pushLimit(in.readRawVarint32());
        tensor(in, int8, uint8);
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
  private static String productWeight(CodedInputStream in, List<String> weights, Set<String> int8, Set<String> uint8)
      throws IOException {
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
        subgraphs(in, weights, int8, uint8);
        in.popLimit(limit);
      } else if (!in.skipField(tag)) {
        break;
      }
    }
    return "MatMulInteger".equals(op) && inputs.size() > 1 ? inputs.get(1) : null;
  }

  /** An attribute's graphs (an If's branches, a Loop's body), read as graphs; any other attribute is skipped. */
  private static void subgraphs(CodedInputStream in, List<String> weights, Set<String> int8, Set<String> uint8)
      throws IOException {
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      if ((field == ATTRIBUTE_GRAPH || field == ATTRIBUTE_GRAPHS) && isMessage(tag)) {
        int limit = in.pushLimit(in.readRawVarint32());
        graph(in, weights, int8, uint8);
        in.popLimit(limit);
      } else if (!in.skipField(tag)) {
        return;
      }
    }
  }

  private static void tensor(CodedInputStream in, Set<String> int8, Set<String> uint8) throws IOException {
    int type = 0;
    String name = null;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == TENSOR_DATA_TYPE && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
        type = in.readInt32();
      } else if (field == TENSOR_NAME && isMessage(tag)) {
        name = in.readString();
      } else if (!in.skipField(tag)) {
        break;
      }
    }
    if (name != null && type == INT8) {
      int8.add(name);
    } else if (name != null && type == UINT8) {
      uint8.add(name);
    }
  }

  private static boolean isMessage(int tag) {
    return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }
}
