"""jobs/evaluate-threads.sh, last step: the job's posts table against the GPU-thread corpus's gold labels.

    python3 jobs/lib/threads_quality.py GOLD.jsonl RESULTS_DIR OUT_DIR

Writes OUT_DIR/threads-quality.json and .md: post macro-F1 (all, debate venues, Hacker News, issue trackers,
sarcasm, comparison), negative recall on debate posts, and per (post, stack) for CUDA / ROCm / tinygrad the job's
topic_sentiment label against the gold stance and, beside it, the post's own label: on the posts whose gold names
two or more of them (the comparisons), and on every post whose gold gives a stance toward one of them.
Each macro-F1 has its 95 % bootstrap interval, resampling threads (as io.moatwatch.evaluate.Bootstrap does: 2,000
resamples, seed 20261201), and topic_sentiment's difference from the post label a paired one.
"""
import json
import math
import random
import sys
from pathlib import Path

import pyarrow.dataset as ds

LABELS = ["negative", "neutral", "positive"]
TOPICS = {"cuda": "CUDA", "rocm": "ROCm", "tinygrad": "tinygrad"}


def macro_f1(gold, pred):
    f1s = []
    for c in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        npred = sum(1 for p in pred if p == c)
        ngold = sum(1 for g in gold if g == c)
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


RESAMPLES = 2000
SEED = 20261201


def interval(gold, pred, threads, other=None):
    """95 % percentile bootstrap interval of macro-F1 (minus other's on the same draws, when given), drawing threads."""
    by = {}
    for i, t in enumerate(threads):
        by.setdefault(t, []).append(i)
    groups = list(by.values())
    rng = random.Random(SEED)
    figures = []
    for _ in range(RESAMPLES):
        idx = [i for _ in groups for i in groups[rng.randrange(len(groups))]]
        f = macro_f1([gold[i] for i in idx], [pred[i] for i in idx])
        if other is not None:
            f -= macro_f1([gold[i] for i in idx], [other[i] for i in idx])
        figures.append(f)
    figures.sort()
    return [round(figures[math.floor(0.025 * (RESAMPLES - 1))], 4), round(figures[math.ceil(0.975 * (RESAMPLES - 1))], 4)]


def fmt(i):
    return f"[{i[0]:.3f}, {i[1]:.3f}]"


def recall(gold, pred, c):
    n = sum(1 for g in gold if g == c)
    return sum(1 for g, p in zip(gold, pred) if g == c and p == c) / n if n else None


def stance_pairs(rows, named_at_least):
    """topic_sentiment against the gold stance per (post, stack) for CUDA / ROCm / tinygrad, the post's own label
    beside it, on the posts whose gold names at least named_at_least of the three and where the job found the topic."""
    pairs, missing = [], 0
    for g, p, label in rows:
        named = [s for s in g["stance"] if s in TOPICS]
        if len(named) < named_at_least:
            continue
        topics = {t["topic"]: t for t in ((p or {}).get("topic_sentiment") or [])}
        for s in named:
            t = topics.get(TOPICS[s])
            if t is None:
                missing += 1
                continue
            pairs.append((s, g["stance"][s], t["label"], label, t["source"], g["thread_key"]))
    stance = {"pairs": len(pairs), "gold_pairs_without_the_topic_in_the_job": missing}
    for group in ("all", "cuda", "rocm", "tinygrad"):
        sel = [x for x in pairs if group == "all" or x[0] == group]
        if sel:
            gs, read, post, ts = [x[1] for x in sel], [x[2] for x in sel], [x[3] for x in sel], [x[5] for x in sel]
            stance[group] = {"n": len(sel), "topic_sentiment_macro_f1": round(macro_f1(gs, read), 4),
                             "topic_sentiment_macro_f1_95": interval(gs, read, ts),
                             "post_label_macro_f1": round(macro_f1(gs, post), 4),
                             "post_label_macro_f1_95": interval(gs, post, ts),
                             "topic_sentiment_minus_post_label_95": interval(gs, read, ts, post),
                             "read_as_stance": sum(1 for x in sel if x[4] == "stance")}
    return stance


def stance_md(stance):
    md = [f"{stance['pairs']} (post, stack) pairs ({stance['gold_pairs_without_the_topic_in_the_job']} gold pairs whose"
          f" topic the job did not find)", "",
          "| stack | n | topic_sentiment macro-F1 | post label macro-F1 | difference (paired) | read as stance |",
          "|---|---|---|---|---|---|"]
    for group in ("all", "cuda", "rocm", "tinygrad"):
        if group in stance:
            s = stance[group]
            diff = s["topic_sentiment_macro_f1"] - s["post_label_macro_f1"]
            lo, hi = s["topic_sentiment_minus_post_label_95"]
            md.append(f"| {group} | {s['n']} | {s['topic_sentiment_macro_f1']:.3f} {fmt(s['topic_sentiment_macro_f1_95'])} |"
                      f" {s['post_label_macro_f1']:.3f} {fmt(s['post_label_macro_f1_95'])} | {diff:+.3f} [{lo:+.3f}, {hi:+.3f}] |"
                      f" {s['read_as_stance']} |")
    return md


def main(gold_path, results, out):
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    posts = ds.dataset(Path(results) / "posts", partitioning="hive").to_table(
        columns=["post_id", "sentiment_label", "topic_sentiment", "status"]).to_pylist()
    by_id = {p["post_id"].split(":", 1)[1] if p["post_id"].startswith("gpu-threads:") else p["post_id"]: p for p in posts}
    rows = []
    for g in gold:
        p = by_id.get(g["id"])
        label = (p or {}).get("sentiment_label") or "neutral"  # not scored: neutral, as jobs/evaluate.sh counts it
        rows.append((g, p, label))
    report = {"posts": len(gold), "found_in_posts_table": sum(1 for _, p, _ in rows if p is not None), "slices": {}}
    slices = {
        "all": lambda g: True,
        "debate venues": lambda g: g["platform"] not in ("github", "gitlab", "stackexchange"),
        "Hacker News": lambda g: g["platform"] == "hn",
        "issue trackers": lambda g: g["platform"] in ("github", "gitlab"),
        "sarcasm": lambda g: "sarcasm" in g["flags"],
        "comparison": lambda g: "comparison" in g["flags"],
    }
    for name, keep in slices.items():
        sel = [(g["polarity"], label, g["thread_key"]) for g, _, label in rows if keep(g)]
        if sel:
            gs, ps, ts = zip(*sel)
            report["slices"][name] = {"n": len(sel), "macro_f1": round(macro_f1(gs, ps), 4),
                                      "macro_f1_95": interval(gs, ps, ts),
                                      "negative_recall": round(recall(gs, ps, "negative") or 0, 4),
                                      "positive_recall": round(recall(gs, ps, "positive") or 0, 4)}
    report["stance_cuda_rocm_tinygrad"] = stance_pairs(rows, 2)
    report["topic_sentiment_every_post"] = stance_pairs(rows, 1)
    Path(out).mkdir(parents=True, exist_ok=True)
    (Path(out) / "threads-quality.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    md = [f"# The job on gpu-threads ({Path(gold_path).name})", "",
          f"{report['posts']} posts, {report['found_in_posts_table']} in the posts table. Macro-F1 with its 95 % bootstrap"
          f" interval ({RESAMPLES} resamples of the threads).", "",
          "| slice | n | macro-F1 | negative recall | positive recall |", "|---|---|---|---|---|"]
    for name, s in report["slices"].items():
        md.append(f"| {name} | {s['n']} | {s['macro_f1']:.3f} {fmt(s['macro_f1_95'])} | {s['negative_recall']:.3f} |"
                  f" {s['positive_recall']:.3f} |")
    md += ["", "Stance on CUDA / ROCm / tinygrad, on the posts whose gold names two or more of them:"]
    md += stance_md(report["stance_cuda_rocm_tinygrad"])
    md += ["", "topic_sentiment on every post whose gold gives a stance toward CUDA, ROCm or tinygrad (one stack or more):"]
    md += stance_md(report["topic_sentiment_every_post"])
    (Path(out) / "threads-quality.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))


if __name__ == "__main__":
    main(*sys.argv[1:4])
