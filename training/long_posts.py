#!/usr/bin/env python3
"""Long posts read whole: the shipped model's reading of a text longer than its 256 word pieces, by windows.

    python3 training/long_posts.py models/sentiment          # validation splits only; about 5 minutes

Why: the job cuts a post at the model's 256 word pieces (first piece [CLS], last [SEP]), and debate posts are long:
19 of the GPU-thread corpus's 211 valid posts (13 of its 101 debate-venue ones) are longer, so their label is read
from their beginning only, while a debate post often ends on its verdict. This measures, without training, two
readings of such a text through the shipped file (Python ONNX Runtime, one window per call, as the job calls it):

- `windows`: the text's word pieces (without [CLS] / [SEP]) cut into consecutive windows of 254 pieces, the last
  window aligned to the text's end (so every window is full; it overlaps the one before), each read as a text of
  its own ([CLS] window [SEP]); the post's probabilities are the mean of the windows'.
- `first+last`: the first and the last such window only, their mean.

Texts within 256 pieces are read as now, so only long texts can move.

The rule, written and committed before the script first ran (2026-12-07, late night):
- The variant with the higher macro-F1 on the corpus's valid posts is chosen (the shipped reading on Stack
  Exchange's path for Senti4SD, the shared path for every other set, as the job reads them).
- It is worth building (the job reading long posts by windows, then its test figures) only if it gains at least
  0.010 macro-F1 on the corpus's 211 valid posts over the first-window reading (the job's now), and loses no more
  than 0.005 on any developer validation split (GitHub 712, Jira 588, Senti4SD 300). Its cost is reported beside:
  the model calls it adds (one per window beyond the first) over those splits' texts.
Otherwise the answer is written down (QUALITY.md, "Settings looked at") and nothing in the job changes.
Its result (2026-12-07, late night, AMD EPYC, `sentiment@114d4d9a8dab`): the corpus's valid posts 0.679 read by
their first window, 0.684 by every window and by the first and last (19 long posts); GitHub unchanged (no long
text), Jira 0.813 against 0.811 (8), Senti4SD unchanged (1): +0.006, **not worth building**.
Validation only; needs the training requirements and ../shared/datasets.
"""
import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_sentiment as ts  # noqa: E402


def windows(pieces, size):
    """Consecutive windows of `size` pieces covering `pieces`, the last aligned to the end (one if it fits)."""
    if len(pieces) <= size:
        return [pieces]
    starts = list(range(0, len(pieces) - size, size)) + [len(pieces) - size]
    return [pieces[s:s + size] for s in starts]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--datasets", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "datasets")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    import onnxruntime as ort

    meta, plain = ts.exported_encoder(args.model)
    tok = plain.tokenizer
    size = meta["max_tokens"] - 2
    cls, sep = tok.convert_tokens_to_ids("[CLS]"), tok.convert_tokens_to_ids("[SEP]")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = args.threads
    sess = ort.InferenceSession(str(args.model / "model.onnx"), opts, providers=["CPUExecutionProvider"])
    inputs = {i.name for i in sess.get_inputs()}
    routed = meta.get("genres", {}).get("routes", {})

    def read(pieces, genre):
        ids = [cls] + pieces + [sep]
        feed = {"input_ids": np.array([ids], dtype=np.int64), "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
                "token_type_ids": np.zeros((1, len(ids)), dtype=np.int64)}
        if ts.GENRE_INPUT in inputs:
            feed[ts.GENRE_INPUT] = np.array([genre], dtype=np.int64)
        return sess.run(["probabilities"], feed)[0][0]

    data = ts.Data(args.datasets)
    sets = dict(data.validation())
    platform = {"senti4sd": "stackexchange"}
    rows, calls = [], {"first": 0, "windows": 0, "first+last": 0}
    scores = {}
    for name, items in sets.items():
        genre = routed.get(platform.get(name, ""), 0)
        gold = [ts.LABELS.index(l) for _, l in items]
        got = {"first": [], "windows": [], "first+last": []}
        long_texts = 0
        for text, _ in items:
            pieces = tok(text, add_special_tokens=False)["input_ids"]
            ws = windows(pieces, size)
            readings = [read(w, genre) for w in ws]
            long_texts += len(ws) > 1
            got["first"].append(readings[0].argmax())
            got["windows"].append(np.mean(readings, axis=0).argmax())
            got["first+last"].append(np.mean([readings[0], readings[-1]], axis=0).argmax())
            calls["first"] += 1
            calls["windows"] += len(ws)
            calls["first+last"] += min(len(ws), 2)
        scores[name] = {k: ts.macro_f1(np.array(gold), np.array(v)) for k, v in got.items()}
        rows.append((name, len(items), long_texts, scores[name]))
        print(f"{name}: {len(items)} texts, {long_texts} longer than {size + 2} pieces: "
              + ", ".join(f"{k} {v:.4f}" for k, v in scores[name].items()), flush=True)
    corpus = "gpu-threads"
    chosen = max(("windows", "first+last"), key=lambda v: scores[corpus][v])
    gain = scores[corpus][chosen] - scores[corpus]["first"]
    losses = {n: scores[n][chosen] - scores[n]["first"] for n in ("github", "jira", "senti4sd")}
    worth = gain >= 0.010 and all(d >= -0.005 for d in losses.values())
    print("\n| set | texts | longer than the model reads | first window (now) | windows | first+last |")
    print("|---|---|---|---|---|---|")
    for name, n, k, s in rows:
        print(f"| {name} | {n} | {k} | {s['first']:.3f} | {s['windows']:.3f} | {s['first+last']:.3f} |")
    print(f"model calls over these texts: first window {calls['first']}, windows {calls['windows']},"
          f" first+last {calls['first+last']}")
    print(f"chosen: {chosen}, corpus valid posts {gain:+.4f}; developer splits "
          + ", ".join(f"{n} {d:+.4f}" for n, d in losses.items()) + ": "
          + ("worth building" if worth else "not worth building"))


if __name__ == "__main__":
    main()
