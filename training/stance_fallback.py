#!/usr/bin/env python3
"""Should a post's stacks fall back to the post's own label? Three readings of the corpus's (post, stack) pairs.

    python3 training/stance_fallback.py DIR [--split valid|train]

For each post of the GPU-thread corpus whose gold names two or more stacks, a model's (an exported model directory)
stance reading toward each stack, the post head's label given to every stack, and the post head's label wherever
the stance readings toward the post's stacks all agree (the stance reading only where they differ); prints each
one's macro-F1 over the pairs (QUALITY.md, "Stance"). Python ONNX on the corpus's raw texts, not the job's path.
Validation by default: the choice it informs is a setting, so it is made on validation. Needs the training
requirements and ../shared/datasets (--datasets).
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_sentiment as ts  # noqa: E402
from stance_gate import pairs_with_readings  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--split", default="valid", choices=["valid", "train"])
    ap.add_argument("--datasets", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "datasets")
    args = ap.parse_args()
    path = args.datasets / "gpu-threads" / f"{args.split}.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    meta, pairs = pairs_with_readings(args.model, records)
    readings = {}  # post -> the stance readings toward its stacks
    for x in pairs:
        readings.setdefault(x.post, set()).add(int(x.stance.argmax()))
    gold = [x.gold for x in pairs]
    stance = [int(x.stance.argmax()) for x in pairs]
    post = [int(x.own.argmax()) for x in pairs]
    fallback = [int(x.own.argmax()) if len(readings[x.post]) == 1 else int(x.stance.argmax()) for x in pairs]
    print(f"{meta['name']}@{meta['model_sha256'][:12]} on {len(gold)} {args.split} pairs: stance reading"
          f" {ts.macro_f1(gold, stance):.3f}, post label {ts.macro_f1(gold, post):.3f}, post label where the readings"
          f" agree {ts.macro_f1(gold, fallback):.3f}")


if __name__ == "__main__":
    main()
