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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--split", default="valid", choices=["valid", "train"])
    ap.add_argument("--datasets", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "datasets")
    args = ap.parse_args()
    meta, encoder = ts.exported_encoder(args.model)
    if "stance" not in meta:
        sys.exit(f"{args.model}: the model has no stance reading")
    run = ts.onnx_predictor(args.model / "model.onnx", encoder, threads=1)
    path = args.datasets / "gpu-threads" / f"{args.split}.jsonl"
    gold, stance, post, fallback = [], [], [], []
    for record in (json.loads(line) for line in path.open(encoding="utf-8") if line.strip()):
        stacks = record.get("stance") or {}
        if len(stacks) < 2:
            continue
        own = int(run([(None, record["text"])])[0].argmax())
        readings = {s: int(p.argmax()) for s, p in zip(stacks, run([(ts.target_text(s), record["text"]) for s in stacks]))}
        agree = len(set(readings.values())) == 1
        for s, label in stacks.items():
            gold.append(ts.LABELS.index(label))
            stance.append(readings[s])
            post.append(own)
            fallback.append(own if agree else readings[s])
    print(f"{meta['name']}@{meta['model_sha256'][:12]} on {len(gold)} {args.split} pairs: stance reading"
          f" {ts.macro_f1(gold, stance):.3f}, post label {ts.macro_f1(gold, post):.3f}, post label where the readings"
          f" agree {ts.macro_f1(gold, fallback):.3f}")


if __name__ == "__main__":
    main()
