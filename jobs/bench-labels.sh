#!/usr/bin/env bash
# Benchmark (BENCHMARKS.md): what the sentiment label model adds to the NLP stage. Runs the job twice on the
# same corpus as jobs/bench.sh (or on the GPU-thread corpus's test split), in one run on one machine, without the
# annotation cache:
#   (a) --labels corenlp   CoreNLP only (the labels before the label model)
#   (b) the default        CoreNLP and the label model over every post and the sentences naming a topic or an
#                          entity (MOATWATCH_BENCH_JOB_OPTS="--sentence-labels all": every sentence)
# and prints both NLP stages, posts/s and the added share.
#
#   jobs/bench-labels.sh [TEXTS] [THREADS]     # defaults: 3000 texts of the GitHub gold standard, 2 threads
#   jobs/bench-labels.sh gpu-threads [THREADS] # the 370 posts of the GPU-thread corpus's test split: long debate
#                                              # posts, many naming two stacks (stance readings)
#   MOATWATCH_BENCH_JOB_OPTS="--sentiment-model DIR" jobs/bench-labels.sh   # another label model for (b)
# Needs ../shared/datasets (or MOATWATCH_DATASETS) and /usr/bin/time (Debian package "time").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
TEXTS="${1:-3000}"
THREADS="${2:-2}"
OUT="$MOATWATCH_ROOT/out/bench-labels"
moatwatch_bench_setup bench-labels "$OUT"
if [[ "$TEXTS" == gpu-threads ]]; then
  java -cp "$CP" io.moatwatch.evaluate.ThreadsExport "$DATASETS" test "$OUT/corpus/gpu-threads-test.jsonl"
else
  java -cp "$CP" io.moatwatch.bench.BenchCorpus "$DATASETS" "$OUT" "$TEXTS"
fi

run() { # $1 = run id, then job options
  local id="$1"
  shift
  echo "bench-labels: $id ..." >&2
  moatwatch_bench_job "$OUT/$id" "$THREADS" --input "$OUT/corpus" --output "$OUT/$id" --no-cache --run-id "$id" "$@"
}
run corenlp --labels corenlp
# shellcheck disable=SC2086
run model ${MOATWATCH_BENCH_JOB_OPTS:-}

python3 - "$OUT" <<'PY'
import json, re, sys
out = sys.argv[1]
def rss(path):
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read()).group(1)) // 1024
rows = {}
print(f"{'':24} {'posts':>6} {'sentences':>9} {'NLP s':>7} {'posts/s':>8} {'total s':>8} {'peak heap MB':>12} {'peak RSS MB':>11}")
for id in ("corenlp", "model"):
    m = json.load(open(f"{out}/{id}/_runs/{id}.json"))
    c, t = m["counts"], m["timings_s"]
    rows[id] = t["nlp"]
    print(f"{id:24} {c['analysed']:6d} {c['sentences']:9d} {t['nlp']:7.1f} {c['analysed'] / t['nlp']:8.2f}"
          f" {t['total']:8.1f} {m['jvm']['driver_peak_heap_mb']:12} {rss(out + '/' + id + '.time'):11}")
    print(f"{'':24} pipeline {m['versions']['pipeline']}")
print(f"the label model adds {100 * (rows['model'] / rows['corenlp'] - 1):.1f} % to the NLP stage")
PY
