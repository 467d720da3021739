#!/usr/bin/env bash
# How the annotation cache's lookup cost grows with its history (BENCHMARKS.md, "The cache over a long history").
#
#   jobs/bench-cache-history.sh [NEW] [MULTIPLIERS]     # defaults: 300 new posts, "1 100 10000"
#
# For each multiplier M: an empty output whose cache (<output>/_cache/annotations) already holds M x NEW
# entries of earlier nights (synthetic: random keys that never match, an analysis of about 1 KB each, as real
# ones are, in one batch per 100 x NEW entries, as nightly runs write them). Then two runs, spark-submit
# --master local[2], timed: "warm", 20 other posts, which merges the batches if AnnotationCache's tiers say so
# (its write stage pays for the merge); and "night", the NEW new posts (the GitHub gold standard via
# BenchCorpus). Every new post goes through CoreNLP whatever M is, so what grows with M is the cache lookup.
# Prints, per M, the batches before and after the warm run, its write stage, and the night's NLP stage, total
# and wall time; then the lookup alone (bench.CacheLookup): NEW keys of the history looked up in the cache as
# the night left it, by value (pushed down to Parquet) and by a semi-join, median of five.
# Needs ../shared/datasets (or MOATWATCH_DATASETS), /usr/bin/time, python3 with pyarrow.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
NEW="${1:-300}"
MULTIPLIERS="${2:-1 100 10000}"
WARM=20
OUT="$MOATWATCH_ROOT/out/bench-cache-history"
moatwatch_bench_setup bench-cache-history "$OUT"
java -cp "$CP" io.moatwatch.bench.BenchCorpus "$DATASETS" "$OUT/corpus" $(( NEW + WARM )) >&2
mkdir -p "$OUT/warm" "$OUT/night"
head -n "$WARM" "$OUT/corpus/corpus/corpus.jsonl" > "$OUT/warm/corpus.jsonl"
tail -n +"$(( WARM + 1 ))" "$OUT/corpus/corpus/corpus.jsonl" > "$OUT/night/corpus.jsonl"

for M in $MULTIPLIERS; do
  echo "bench-cache-history: cache of $M x $NEW entries ..." >&2
  python3 - "$OUT/m$M/_cache/annotations" $(( M * NEW )) $(( 100 * NEW )) <<'PY'
import os, sys, hashlib, random
import pyarrow as pa, pyarrow.parquet as pq
root, total, per_batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(16)
def analysis():
    # the shape and size (about 1 KB) of a real analysis: sentences with CoreNLP's five probabilities
    sentences = []
    for i in range(3):
        p = [round(rng.random(), 17) for _ in range(5)]
        sentences.append('{"index":%d,"text":"sentence %d of an earlier night","tokens":%d,"sentimentClass":%d,'
                         '"probabilities":[%s],"score":%s,"scored":true}'
                         % (i, i, rng.randrange(4, 40), rng.randrange(5), ",".join(map(str, p)), p[0] - p[4]))
    return '{"sentences":[%s],"entities":[],"labelProbabilities":null,"sentencesInText":3}' % ",".join(sentences)
written, b = 0, 0
while written < total:
    n = min(per_batch, total - written)
    keys = [hashlib.sha256(f"history-{written + i}".encode()).hexdigest() for i in range(n)]
    d = os.path.join(root, f"batch=history{b:05d}")
    os.makedirs(d, exist_ok=True)
    pq.write_table(pa.table({"key": keys, "analysis": [analysis() for _ in range(n)]}), os.path.join(d, "part-00000.parquet"))
    written += n
    b += 1
PY
  ls -d "$OUT/m$M/_cache/annotations"/batch=* | wc -l > "$OUT/m$M.batches-before"
  moatwatch_bench_job "$OUT/m$M-warm" 2 --input "$OUT/warm" --output "$OUT/m$M" --run-id "warm"
  ls -d "$OUT/m$M/_cache/annotations"/batch=* | wc -l > "$OUT/m$M.batches-after"
  moatwatch_bench_job "$OUT/m$M" 2 --input "$OUT/night" --output "$OUT/m$M" --run-id "night"
done

python3 - "$OUT" "$NEW" $MULTIPLIERS <<'PY'
import json, os, re, sys
out, new, mults = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def wall(name):
    t = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", open(os.path.join(out, name + ".time")).read()).group(1)
    mm, ss = t.split(":")[-2:]
    return int(mm) * 60 + float(ss)
print(f"{'history':>8} {'cache entries':>14} {'batches':>8} {'after warm':>10} {'warm write s':>13} "
      f"{'analysed':>9} {'nlp s':>6} {'total s':>8} {'wall s':>7}")
for m in mults:
    warm = json.load(open(os.path.join(out, f"m{m}", "_runs", "warm.json")))
    man = json.load(open(os.path.join(out, f"m{m}", "_runs", "night.json")))
    t = man["timings_s"]
    before = open(os.path.join(out, f"m{m}.batches-before")).read().strip()
    after = open(os.path.join(out, f"m{m}.batches-after")).read().strip()
    print(f"{m + 'x':>8} {int(m) * new:>14,} {before:>8} {after:>10} {warm['timings_s']['write']:>13.1f} "
          f"{man['counts']['analysed']:>9} {t['nlp']:>6.1f} {t['total']:>8.1f} {wall(f'm{m}'):>7.1f}")
PY

# The lookup alone, on each output as the night left it: NEW keys of the history, by value and by semi-join.
for M in $MULTIPLIERS; do
  java -Xmx6g -cp "$CP" io.moatwatch.bench.CacheLookup "$OUT/m$M" $(( M * NEW )) "$NEW" 2> "$OUT/m$M.lookup.err"
done
