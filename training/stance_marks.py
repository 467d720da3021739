#!/usr/bin/env python3
"""Stance marks: how train_sentiment.py --stance-marks shows the stance head which stack it is asked about, and
where --stance-pool mention finds the word pieces its stance head reads.

Each mention of the target in the text is wrapped as "<<ROCm>>" ("CUDA just works, <<ROCm>> has been hell").
The patterns go into model.json (stance.marks) and the job applies the same ones (analyse.label.StanceMarks): a
target's own names first; only when none of them is in the text, the looser ones (ROCm -> "AMD", CUDA -> "Nvidia").
Any other target is found by its name (a space matching a space, a hyphen or nothing). ASCII only,
case-insensitive, never inside a longer word (a version may follow: "rocm6.2", "CUDA12").

    python3 training/stance_marks.py     # prints model.json's stance.marks block, examples included (StanceMarksTest
                                         # runs it and checks the Java marks and spans against the examples)

Standard library only, so the job's tests can run it without the training requirements.
"""
import json
import re

MARK_OPEN, MARK_CLOSE = "<<", ">>"
STANCE_MENTIONS = {
    "cuda": [r"cuda|cudnn|cublas|nccl|nvcc|cutlass", r"nvidia|nvda|green team"],
    "rocm": [r"rocm|rocblas|miopen|rccl|hipblas|rocprof\w*|amdgpu", r"amd(?![0-9])|radeon|red team"],
    "hip": [r"hip|hipify|hipcc"],
    "tinygrad": [r"tinygrad|tiny ?corp|tinybox|geohot|george hotz|hotz"],
    "nvidia driver": [r"nvidia[ -]drivers?|nvidia-dkms|nvidia-smi|proprietary drivers?|nvidia's drivers?",
                      r"drivers?"],
    "oneapi": [r"one ?api|sycl|dpc\+\+|level zero", r"intel"],
    "apple silicon": [r"apple[ -]?silicon|m[1-4](?![0-9])(?: (?:pro|max|ultra))?", r"apple|macs?|macbooks?"],
    "metal": [r"metal|mps", r"apple|macs?"],
    "tpu": [r"tpus?"],
    "amdgpu": [r"amdgpu", r"amd(?![0-9])"],
    "nvidia open": [r"nvidia[ -]open|open kernel modules?|open drivers?"],
    "intel arc driver": [r"intel arc drivers?|arc drivers?|intel drivers?", r"arc|intel"],
}


MENTION_TEMPLATE = r"(?i)(?<![A-Za-z0-9_])(?:{names})(?![A-Za-z_])"


MARK_EXAMPLES = [
    ("rocm", "CUDA just works, ROCm has been hell; AMD is no better."),
    ("rocm", "AMD's software stack is a joke next to Nvidia's, but amd64 builds are fine."),
    ("cuda", "torch.cuda on CUDA12 vs cuda_runtime and nvcc"),
    ("apple silicon", "My M2 Max and an apple-silicon box, not an m10"),
    ("nvidia driver", "the nvidia-driver 550 broke; proprietary drivers suck"),
    ("node.js", "node.js and nodejs and Node js"),
    ("intel arc driver", "Arc drivers are better now; intel arc driver ok"),
    ("rocm", "rocm-smi, /opt/rocm/lib, rocm6.2 and rocmx cost $5 \\1 each"),
    ("webgpu", "WebGPU, web-gpu and web gpu, not webgpus"),
    ("tinygrad", "CUDA just works"),
]


def marks_meta():
    """What model.json carries for the job to mark mentions the same way, with examples the job's tests check."""
    meta = {"open": MARK_OPEN, "close": MARK_CLOSE, "template": MENTION_TEMPLATE, "names": STANCE_MENTIONS}
    marks = StanceMarks(meta)
    return meta | {"examples": [{"target": t, "text": x, "marked": marks(t, x), "spans": marks.spans(t, x)}
                                for t, x in MARK_EXAMPLES]}


def own_words(target):
    """The names alternative finding a target by its own words: a space matching a space, a hyphen or nothing."""
    return "[ -]?".join(re.escape(w) for w in target.split())


def mention_pattern(names, template=MENTION_TEMPLATE):
    return re.compile(template.replace("{names}", names), re.ASCII)


class StanceMarks:
    """Wraps the target's mentions in a text: the first of its name lists that finds any (as the job does)."""

    def __init__(self, meta):
        self.meta = meta
        self.cache = {}

    def patterns(self, target):
        if target not in self.cache:
            names = self.meta["names"].get(target) or [own_words(target)]
            self.cache[target] = [mention_pattern(n, self.meta["template"]) for n in names]
        return self.cache[target]

    def spans(self, target, text):
        """Where the target is mentioned in a text, as (start, end) character spans: the first of its name lists
        that finds any (what train_sentiment.py --stance-pool mention pools over)."""
        for p in self.patterns(target):
            found = [m.span() for m in p.finditer(text)]
            if found:
                return found
        return []

    def __call__(self, target, text):
        marked, start = [], 0
        for begin, end in self.spans(target, text):
            marked += [text[start:begin], self.meta["open"], text[begin:end], self.meta["close"]]
            start = end
        return "".join(marked + [text[start:]])


if __name__ == "__main__":
    print(json.dumps(marks_meta(), indent=2))
