#!/usr/bin/env python3
"""Short comparisons the team wrote to see whether a label model's stance reading follows the stack it is asked about.

    python3 training/stance_probes.py models/sentiment [OTHER_MODEL_DIR ...]

Prints each model's reading of each (text, stack) and how many of them match the expected label. Not a test split
and not a CI check: a handful of sentences, to look at (QUALITY.md, "Settings looked at"). Needs the training
requirements (transformers, onnxruntime).
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_sentiment as ts  # noqa: E402

COMPARISONS = [
    ("Switched the lab from ROCm to CUDA last month. Everything we run on CUDA just works; ROCm cost us weeks of "
     "broken builds and silent hangs.", {"cuda": "positive", "rocm": "negative"}),
    ("Everything we run on CUDA just works; ROCm cost us weeks of broken builds and silent hangs.",
     {"cuda": "positive", "rocm": "negative"}),
    ("ROCm cost us weeks of broken builds and silent hangs. Everything we run on CUDA just works.",
     {"cuda": "positive", "rocm": "negative"}),
    ("CUDA just works, ROCm has been hell.", {"cuda": "positive", "rocm": "negative"}),
    ("ROCm has been hell, CUDA just works.", {"cuda": "positive", "rocm": "negative"}),
    ("We moved from CUDA to ROCm. ROCm has been great for us, while CUDA drove us mad with driver mismatches.",
     {"cuda": "negative", "rocm": "positive"}),
    ("Honestly tinygrad is a toy, PyTorch on CUDA is what you use for real work.",
     {"cuda": "positive", "tinygrad": "negative"}),
]


def reader(directory):
    meta, encoder = ts.exported_encoder(directory)
    return meta, ts.onnx_predictor(directory / "model.onnx", encoder, threads=1)


def main(dirs):
    if not dirs:
        sys.exit(__doc__)
    for d in map(Path, dirs):
        meta, run = reader(d)
        if "stance" not in meta:
            print(f"{d}: no stance reading")
            continue
        right = total = 0
        print(f"== {d} ({meta['name']}@{meta['model_sha256'][:12]})")
        for text, expected in COMPARISONS:
            readings = run([(stack, text) for stack in expected])
            cells = []
            for (stack, want), p in zip(expected.items(), readings):
                got = ts.LABELS[int(p.argmax())]
                right += got == want
                total += 1
                cells.append(f"{stack} {got} {float(p.max()):.2f}{'' if got == want else ' (expected ' + want + ')'}")
            print(f"  {text[:70]:70} | " + "; ".join(cells))
        print(f"  {right} of {total} readings as expected")


if __name__ == "__main__":
    main(sys.argv[1:])
