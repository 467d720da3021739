#!/usr/bin/env bash
# How the annotation cache's lookup cost grows with its history (BENCHMARKS.md, "The cache over a long history").
#
#   jobs/bench-cache-history.sh [NEW] [MULTIPLIERS]     # defaults: 300 new posts, "1 100 10000"
#
# For each multiplier M: an empty output whose cache (<output>/_cache/annotations) already holds M x NEW
# entries of earlier nights (synthetic: random keys that never match, a small analysis each, in one batch per
# 100 x NEW entries, as nightly runs write them), then the job on NEW new posts (the GitHub gold standard via
# BenchCorpus), spark-submit --master local[2], timed. Every new post goes through CoreNLP whatever M is, so
# what grows with M is the cache lookup. Prints wall time, the NLP stage and the total per M.
# Needs ../shared/datasets (or MOATWATCH_DATASETS), /usr/bin/time, python3 with pyarrow.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
NEW="${1:-300}"
MULTIPLIERS="${2:-1 100 10000}"
OUT="$MOATWATCH_ROOT/out/bench-cache-history"
moatwatch_bench_setup bench-cache-history "$OUT"
java -cp "$CP" io.moatwatch.bench.BenchCorpus "$DATASETS" "$OUT/corpus" "$NEW" >&2

for M in $MULTIPLIERS; do
  echo "bench-cache-history: cache of $M x $NEW entries ..." >&2
  python3 - "$OUT/m$M/_cache/annotations" $(( M * NEW )) $(( 100 * NEW )) <<'PY'
import os, sys, hashlib
import pyarrow as pa, pyarrow.parquet as pq
root, total, per_batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
analysis = '{"sentences":[],"entities":[],"labelProbabilities":null,"sentencesInText":0}'
written, b = 0, 0
while written < total:
    n = min(per_batch, total - written)
    keys = [hashlib.sha256(f"history-{written + i}".encode()).hexdigest() for i in range(n)]
    d = os.path.join(root, f"batch=history{b:05d}")
    os.makedirs(d, exist_ok=True)
    pq.write_table(pa.table({"key": keys, "analysis": [analysis] * n}), os.path.join(d, "part-00000.parquet"))
    written += n
    b += 1
PY
  moatwatch_bench_job "$OUT/m$M" 2 --input "$OUT/corpus/corpus" --output "$OUT/m$M" --run-id "night"
done

python3 - "$OUT" "$NEW" $MULTIPLIERS <<'PY'
import json, os, re, sys
out, new, mults = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
print(f"{'history':>10} {'cache entries':>14} {'analysed':>9} {'nlp s':>7} {'total s':>8} {'wall s':>7}")
for m in mults:
    man = json.load(open(os.path.join(out, f"m{m}", "_runs", "night.json")))
    t = man["timings_s"]
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", open(os.path.join(out, f"m{m}.time")).read()).group(1)
    mm, ss = wall.split(":")[-2:]
    print(f"{m + 'x':>10} {int(m) * new:>14,} {man['counts']['analysed']:>9} {t['nlp']:>7.1f} {t['total']:>8.1f} {int(mm) * 60 + float(ss):>7.1f}")
PY
