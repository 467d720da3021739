#!/usr/bin/env python3
"""Rules on top of trained models that need no training: class offsets and two-model means, on validation.

    python3 training/posthoc_rules.py SHIPPED_DIR [OTHER_DIR ...] [--cache DIR] [--datasets ../shared/datasets]

Reads every validation split of the selection score (GitHub valid, Jira fold 2, the 300 held-out Senti4SD items,
the GPU-thread corpus's valid posts and its stance pairs) with each exported model (Python ONNX, raw texts, one
text per call as the job runs them; the readings are kept in --cache, default out/posthoc, so a second run reads
no model) and prints, per split and as the selection score (train_sentiment.selection_score, corpus weight 0.5):

- each model alone (the first line must repeat the validation figures its model card records);
- the mean of the first model's probabilities and each other model's (post and stance readings alike): an
  ensemble, which costs the second model's calls on top of the first's;
- the first model with class offsets: log P(negative) + a, log P(positive) + b (neutral fixed), one pair for the
  post head and one for the stance head, a and b in -1.0 .. 1.0 by 0.1, chosen for the selection score. The
  offsets are cross-fitted: each split's items are dealt into two halves by position, the pair chosen on one half
  labels the other, so no item is labelled by offsets chosen on itself (the figure printed is over all items).

The rule written before it first ran (2026-12-07; QUALITY.md "Settings looked at" says what came of it): a rule is
a candidate for the job only if its selection score is at least 0.010 above the shipped model's alone (the seed
alone moved it by 0.008), no developer-text split (GitHub, Jira, Senti4SD) is more than 0.02 below the shipped
model's, and, for a mean of two models, the label model's cost with both stays within issue 33's budget. A
candidate's test figures are then taken through the job before anything ships. Validation only: the choice it
informs is a setting. Needs the training requirements and ../shared/datasets.
"""
import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_sentiment as ts  # noqa: E402

OFFSETS = np.round(np.arange(-1.0, 1.0001, 0.1), 1)
DEV_SPLITS = ts.OLD_SPLITS


def splits(data):
    """name -> [(stance target or None, text, gold index)]: the selection score's validation splits."""
    out = {name: [(None, t, ts.LABELS.index(l)) for t, l in items] for name, items in data.validation().items()}
    out["gpu-threads-stance"] = [(ts.target_text(s), t, ts.LABELS.index(l)) for s, t, l in data.stance_validation()]
    return out


def readings(model_dir, named, cache):
    """name -> probabilities (n x 3) of one model on each split, read once and kept in cache."""
    meta, encoder = ts.exported_encoder(model_dir)
    f = cache / f"{meta['name']}@{meta['model_sha256'][:12]}.npz"
    if f.exists():
        kept = np.load(f)
        if all(name in kept and len(kept[name]) == len(items) for name, items in named.items()):
            return meta, {name: kept[name] for name in named}
    run = ts.onnx_predictor(Path(model_dir) / "model.onnx", encoder)
    out = {}
    for name, items in named.items():
        out[name] = run([(target, text) for target, text, _ in items])
        print(f"  read {name} ({len(items)}) with {meta['name']}@{meta['model_sha256'][:12]}", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(f, **out)
    return meta, out


def scores(probs, named):
    s = {name: ts.macro_f1([g for _, _, g in items], probs[name].argmax(1)) for name, items in named.items()}
    s["selection"] = ts.selection_score(s, 0.5)
    return s


def with_offsets(p, a, b):
    logp = np.log(np.clip(p, 1e-9, 1.0))
    logp[:, 0] += a
    logp[:, 2] += b
    return logp


def cross_fitted_offsets(probs, named):
    """Labels of every item from offsets chosen on the other half of each split; the pairs chosen on each half."""
    halves = {name: np.arange(len(items)) % 2 for name, items in named.items()}
    labels = {name: np.zeros(len(items), dtype=int) for name, items in named.items()}
    chosen = []
    for fit in (0, 1):
        best = {}
        for head, names in (("post", [n for n in named if n != "gpu-threads-stance"]), ("stance", ["gpu-threads-stance"])):
            best_score, best_pair = -1.0, (0.0, 0.0)
            for a, b in itertools.product(OFFSETS, OFFSETS):
                s = {}
                for name in names:
                    keep = halves[name] == fit
                    gold = [g for (_, _, g), k in zip(named[name], keep) if k]
                    s[name] = ts.macro_f1(gold, with_offsets(probs[name][keep], a, b).argmax(1))
                # the post head's pair is chosen on its four splits' part of the selection score, the stance head's
                # on the stance pairs alone: the two parts of the score are separate sums
                score = ts.selection_score(s, 0.5) if head == "post" else s["gpu-threads-stance"]
                if score > best_score + 1e-12:
                    best_score, best_pair = score, (float(a), float(b))
            for name in names:
                best[name] = best_pair
        chosen.append({"post": best["github"], "stance": best["gpu-threads-stance"]})
        for name in named:
            other = halves[name] != fit
            labels[name][other] = with_offsets(probs[name][other], *best[name]).argmax(1)
    s = {name: ts.macro_f1([g for _, _, g in items], labels[name]) for name, items in named.items()}
    s["selection"] = ts.selection_score(s, 0.5)
    return s, chosen


def line(name, s, base=None):
    cols = list(DEV_SPLITS) + ["gpu-threads", "gpu-threads-stance", "selection"]
    cells = [f"{s[c]:.3f}" + (f" ({s[c] - base[c]:+.3f})" if base else "") for c in cols]
    return f"| {name} | " + " | ".join(cells) + " |"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", type=Path, nargs="+")
    ap.add_argument("--cache", type=Path, default=Path(__file__).resolve().parents[1] / "out" / "posthoc")
    ap.add_argument("--datasets", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "datasets")
    args = ap.parse_args()
    named = splits(ts.Data(args.datasets))
    read = [readings(m, named, args.cache) for m in args.models]
    names = [f"{meta['name']}@{meta['model_sha256'][:12]}" for meta, _ in read]
    print("| rule (validation) | GitHub | Jira | Senti4SD | corpus posts | corpus stance | selection |")
    print("|---|---|---|---|---|---|---|")
    base = scores(read[0][1], named)
    print(line(names[0] + " alone", base))
    for name, (_, probs) in zip(names[1:], read[1:]):
        print(line(name + " alone", scores(probs, named), base))
    for name, (_, probs) in zip(names[1:], read[1:]):
        mean = {k: (read[0][1][k] + probs[k]) / 2 for k in named}
        print(line(f"mean of {names[0]} and {name}", scores(mean, named), base))
    s, chosen = cross_fitted_offsets(read[0][1], named)
    print(line(f"{names[0]} with class offsets (cross-fitted)", s, base))
    for half, c in enumerate(chosen):
        print(f"offsets chosen on half {half}: post head {c['post']}, stance head {c['stance']}", file=sys.stderr)


if __name__ == "__main__":
    main()
