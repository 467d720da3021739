#!/usr/bin/env python3
"""Would the sentences' readings improve a post's label or its stance readings? Two rules measured on validation.

    python3 training/sentence_readings.py DIR [--datasets ../shared/datasets]

The job already reads every sentence of a post with the label model (and a sentence naming two or more stacks
toward each), so a rule that also uses those readings costs no extra model call. For a model directory, on the
validation splits (never a test split: the choice it informs is a setting), this prints macro-F1 of:

- the post label from (1 - w) x the post's reading (its first max-length word pieces) + w x the mean of its
  sentences' readings, w in 0, 0.25, 0.5, 0.75, 1 (posts of one sentence keep their own reading), on GitHub
  valid, Jira fold 2, the 300 held-out Senti4SD items and the GPU-thread corpus's valid posts;
- the stance toward each stack of a corpus post naming two or more, from the stance head's reading of the post,
  from the mean of the readings of the sentences naming that stack (the sentence's own reading when it names one
  stack, its stance reading toward the stack when it names more: the job's mention level), from the post's label,
  and from (1 - w) x the stance reading + w x either of the other two.

Approximations (the job's own path is jobs/evaluate.sh): raw texts, not the job's cleaned prose; sentences split
at ., ! or ? followed by white space and at line breaks, not by CoreNLP; a sentence names a stack when
training/stance_marks.py's patterns find it, not the job's topics file. QUALITY.md ("Stance") has what it measured
and the bars written before it ran. Needs the training requirements and ../shared/datasets.
"""
import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_sentiment as ts  # noqa: E402
from stance_marks import StanceMarks, marks_meta  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)


def sentences(text):
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


def mixed(own, others, w):
    """(1 - w) x own + w x the mean of others (own alone when there are none)."""
    return own if others is None or len(others) == 0 else (1 - w) * own + w * np.mean(others, axis=0)


def once_each(run):
    """The model's reading of (target, text), each read once: both rules read the corpus's posts and sentences."""
    readings = {}

    def read(target, text):
        if (target, text) not in readings:
            readings[(target, text)] = run([(target, text)])[0]
        return readings[(target, text)]

    return read


def post_rule(read, validation):
    """Per validation set: macro-F1 of the post label for each weight w of the sentences' mean."""
    out = {}
    for name, items in validation.items():
        gold, readings = [], []
        for text, label in items:
            parts = sentences(text)
            gold.append(ts.LABELS.index(label))
            readings.append((read(None, text), [read(None, s) for s in parts] if len(parts) > 1 else None))
        out[name] = {w: ts.macro_f1(gold, [int(np.argmax(mixed(p, s, w))) for p, s in readings]) for w in WEIGHTS}
    return out


def stance_rule(read, records):
    """Macro-F1 over the (post, stack) pairs of the posts naming two or more stacks, for each reading rule."""
    marks = StanceMarks(marks_meta())
    gold, rows = [], []
    for record in records:
        stacks = list(record.get("stance") or {})
        if len(stacks) < 2:
            continue
        text = record["text"]
        post = read(None, text)
        stance = {s: read(ts.target_text(s), text) for s in stacks}
        mentions = {s: [] for s in stacks}
        for sentence in sentences(text):
            named = [s for s in stacks if marks.spans(ts.target_text(s), sentence)]
            for s in named:
                mentions[s].append(read(None if len(named) == 1 else ts.target_text(s), sentence))
        for s in stacks:
            gold.append(ts.LABELS.index(record["stance"][s]))
            rows.append((stance[s], mentions[s], post))
    rules = {"stance reading": lambda st, m, p: st,
             "post label": lambda st, m, p: p,
             "sentences naming the stack (stance reading where none)": lambda st, m, p: mixed(st, m, 1.0)}
    for w in WEIGHTS[1:-1]:
        rules[f"stance x {1 - w:.2f} + sentences naming the stack x {w:.2f}"] = lambda st, m, p, w=w: mixed(st, m, w)
        rules[f"stance x {1 - w:.2f} + post x {w:.2f}"] = lambda st, m, p, w=w: (1 - w) * st + w * p
    covered = sum(1 for _, m, _ in rows if m)
    return len(gold), covered, {name: ts.macro_f1(gold, [int(np.argmax(rule(*r))) for r in rows])
                                for name, rule in rules.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--datasets", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "datasets")
    args = ap.parse_args()
    meta, encoder = ts.exported_encoder(args.model)
    read = once_each(ts.onnx_predictor(args.model / "model.onnx", encoder, threads=2))
    data = ts.Data(args.datasets)
    print(f"{meta['name']}@{meta['model_sha256'][:12]}, validation splits")
    print("post label: (1 - w) x the post's reading + w x its sentences' mean")
    for name, scores in post_rule(read, data.validation()).items():
        print(f"  {name:12s} " + "  ".join(f"w={w:.2f} {f:.3f}" for w, f in scores.items()))
    if "stance" in meta:
        n, covered, scores = stance_rule(read, data.gpu_threads("valid"))
        print(f"stance: {n} (post, stack) pairs of the corpus's valid posts naming 2+ stacks, {covered} with a sentence"
              " naming the stack")
        for name, f in scores.items():
            print(f"  {f:.3f}  {name}")


if __name__ == "__main__":
    main()
