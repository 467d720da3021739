#!/usr/bin/env bash
# Benchmark (BENCHMARKS.md): what the sentiment label model adds to the NLP stage. Runs the job twice on the
# same corpus as jobs/bench.sh (or on the GPU-thread corpus's test split), in one run on one machine, without the
# annotation cache:
#   (a) --labels corenlp   CoreNLP only (the labels before the label model)
#   (b) the default        CoreNLP and the label model over every post and the sentences naming a topic or an
#                          entity (MOATWATCH_BENCH_JOB_OPTS="--sentence-labels all": every sentence)
# and prints both NLP stages, posts/s and the added share, and, read within each run with the model, the thread
# seconds its label-model calls took against CoreNLP's analyses (manifest timings_s: label_model_thread,
# corenlp_thread), which the machine's state moves far less than it moves one run against another.
#
#   jobs/bench-labels.sh [TEXTS] [THREADS]     # defaults: 3000 texts of the GitHub gold standard, 2 threads
#   jobs/bench-labels.sh gpu-threads [THREADS] # the 370 posts of the GPU-thread corpus's test split: long debate
#                                              # posts, many naming two stacks (stance readings)
#   MOATWATCH_BENCH_JOB_OPTS="--sentiment-model DIR" jobs/bench-labels.sh   # another label model for (b)
#   jobs/bench-labels.sh 3000 2 3              # ROUNDS: (a) and (b) alternated three times; the share is then read
#                                              # against the mean of the CoreNLP runs (one pair's share moves with
#                                              # the machine: CoreNLP alone took 54 to 84 s on one day, BENCHMARKS.md)
# Needs ../shared/datasets (or MOATWATCH_DATASETS) and /usr/bin/time (Debian package "time").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
TEXTS="${1:-3000}"
THREADS="${2:-2}"
ROUNDS="${3:-1}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "bench-labels: ROUNDS must be a whole number of at least 1, not '$ROUNDS'" >&2; exit 2; }
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
ids=()
for ((i = 1; i <= ROUNDS; i++)); do
  suffix=$([[ "$ROUNDS" == 1 ]] && echo "" || echo "-$i")
  run "corenlp$suffix" --labels corenlp
  # shellcheck disable=SC2086
  run "model$suffix" ${MOATWATCH_BENCH_JOB_OPTS:-}
  ids+=("corenlp$suffix" "model$suffix")
done

python3 - "$OUT" "${ids[@]}" <<'PY'
import json, re, sys
out, ids = sys.argv[1], sys.argv[2:]
def rss(path):
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read()).group(1)) // 1024
nlp = {}
within = []
print(f"{'':24} {'posts':>6} {'sentences':>9} {'NLP s':>7} {'posts/s':>8} {'total s':>8} {'peak heap MB':>12} {'peak RSS MB':>11}")
for id in ids:
    m = json.load(open(f"{out}/{id}/_runs/{id}.json"))
    c, t = m["counts"], m["timings_s"]
    nlp[id] = t["nlp"]
    if id.startswith("model") and t.get("corenlp_thread"):
        within.append((t["label_model_thread"], t["corenlp_thread"]))
    print(f"{id:24} {c['analysed']:6d} {c['sentences']:9d} {t['nlp']:7.1f} {c['analysed'] / t['nlp']:8.2f}"
          f" {t['total']:8.1f} {m['jvm']['driver_peak_heap_mb']:12} {rss(out + '/' + id + '.time'):11}")
    print(f"{'':24} pipeline {m['versions']['pipeline']}")
pairs = list(zip(ids[0::2], ids[1::2]))
alone = [nlp[a] for a, _ in pairs]
both = [nlp[b] for _, b in pairs]
mean = lambda xs: sum(xs) / len(xs)
if len(pairs) > 1:
    print(f"CoreNLP alone {min(alone):.1f} to {max(alone):.1f} s (mean {mean(alone):.1f}); with the model"
          f" {min(both):.1f} to {max(both):.1f} s (mean {mean(both):.1f}); each pair's share: "
          + ", ".join(f"{100 * (b / a - 1):.1f} %" for a, b in zip(alone, both)))
print(f"the label model adds {100 * (mean(both) / mean(alone) - 1):.1f} % to the NLP stage"
      + (f" (the means of {len(pairs)} alternated rounds)" if len(pairs) > 1 else ""))
if within:
    print("within each run with the model, its calls' thread seconds against CoreNLP's analyses': "
          + ", ".join(f"{m:.1f} / {c:.1f} s = {100 * m / c:.1f} %" for m, c in within)
          + f" (mean {100 * mean([m / c for m, c in within]):.1f} %)")
PY
