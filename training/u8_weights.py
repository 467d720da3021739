"""The int8 label model's matrix products with unsigned weights: the same integers, no CPU-dependent saturation.

ONNX Runtime's dynamic quantisation (`quantize_dynamic`, QuantType.QInt8) writes each weight matrix as signed 8-bit
integers read by `MatMulInteger` against unsigned 8-bit activations (U8S8). On x86-64 CPUs without VNNI (AVX2 or
AVX-512 alone, e.g. the AMD EPYC build machine) ONNX Runtime computes U8S8 with an instruction that adds pairs of
products into 16 bits and saturates, so the same model gives other probabilities there than on a CPU with VNNI
(ONNX Runtime's quantisation guide, "saturation issue"). Measured 2026-12-07: the probes model.json recorded on an
Intel Xeon differed by up to 0.04 on the AMD EPYC, and the Senti4SD items of CI's recorded subset moved by 0.03.

This rewrites each such weight as unsigned (w + 128, zero point z + 128): `MatMulInteger` subtracts the zero point
before it multiplies, so every product and sum is the same integer as before, and ONNX Runtime computes U8U8 without
the saturating instruction on every CPU. Nothing is re-quantised; only the integers' encoding changes.

    python3 training/u8_weights.py DIR/model.onnx [OUT.onnx]   # in place when OUT is left out

A model.json beside the file written gets its model_sha256 (which the job checks) and "quantized" updated.
train_sentiment.py applies the same rewrite to every int8 export.
"""
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper


def unsigned_weights(model):
    """Rewrites, in place, every int8 initializer that is only ever a MatMulInteger's B (with its zero point) as
    uint8 shifted by 128; returns how many matrices were rewritten."""
    inits = {i.name: i for i in model.graph.initializer}
    uses = {}
    for node in model.graph.node:
        for k, name in enumerate(node.input):
            uses.setdefault(name, []).append((node.op_type, k))
    pairs = set()
    for node in model.graph.node:
        if node.op_type != "MatMulInteger" or len(node.input) < 4:
            continue
        b, zero = node.input[1], node.input[3]
        if b in inits and zero in inits and inits[b].data_type == onnx.TensorProto.INT8:
            pairs.add((b, zero))
    # Only initializers no other node (or MatMulInteger in another position) reads.
    only_b = lambda name, pos: all(op == "MatMulInteger" and k == pos for op, k in uses.get(name, []))
    rewritten, done = 0, set()
    for b, zero in sorted(pairs):
        if not (only_b(b, 1) and only_b(zero, 3)):
            continue  # read by other nodes too: left as it is
        if inits[zero].data_type != onnx.TensorProto.INT8 and zero not in done:
            continue  # a weight of one encoding with a zero point of the other: not a graph this script wrote
        for name in (b, zero):
            if name in done:
                continue  # a zero point two products share, rewritten with the first
            old = inits[name]
            values = numpy_helper.to_array(old).astype(np.int16) + 128
            old.CopyFrom(numpy_helper.from_array(values.astype(np.uint8), name))
            done.add(name)
        rewritten += 1
    return rewritten


def main(argv):
    if len(argv) not in (1, 2):
        sys.exit("usage: python3 training/u8_weights.py MODEL.onnx [OUT.onnx]")
    model = onnx.load(argv[0])
    n = unsigned_weights(model)
    onnx.checker.check_model(model)
    out = Path(argv[-1])
    onnx.save(model, out)
    print(f"{n} weight matrices as uint8 -> {out}")
    meta_file = out.parent / "model.json"
    if n and out.name == "model.onnx" and meta_file.exists():
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        meta["model_sha256"] = hashlib.sha256(out.read_bytes()).hexdigest()
        meta["quantized"] = meta.get("quantized", "int8") + "-u8"
        meta_file.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        print(f"{meta_file}: model_sha256 {meta['model_sha256'][:12]}, quantized {meta['quantized']}")


if __name__ == "__main__":
    main(sys.argv[1:])
