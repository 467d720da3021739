#!/usr/bin/env bash
# Benchmark (BENCHMARKS.md): the job against plain CoreNLP on the same cleaned texts, with the same annotators
# and the same number of threads, in one run on one machine.
#
#   jobs/bench.sh [TEXTS] [THREADS]      # defaults: 3000 texts of the GitHub gold standard, 2 threads
#   MOATWATCH_BENCH_JOB_OPTS="--partitions 16" jobs/bench.sh   # extra job options for run (a)
#   MOATWATCH_BENCH_DRIVER_MEMORY=4g jobs/bench.sh              # the heap run (a) gets (default 6g)
#
# (a) the job: jobs/spark-submit --master local[THREADS] on out/bench/corpus (--analyse-off-topic --all-languages, so every
#     text is analysed whatever it mentions); (b) plain CoreNLP: io.moatwatch.bench.RawCoreNlpBench in a plain
#     JVM on the same texts. Prints posts/s, sentences/s, the job/raw ratio, peak heap and peak RSS.
# Needs ../shared/datasets (or MOATWATCH_DATASETS) and /usr/bin/time (Debian package "time").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
TEXTS="${1:-3000}"
THREADS="${2:-2}"
OUT="$MOATWATCH_ROOT/out/bench"
moatwatch_bench_setup bench "$OUT"
java -cp "$CP" io.moatwatch.bench.BenchCorpus "$DATASETS" "$OUT" "$TEXTS"

echo "bench: (a) the job, spark-submit --master local[$THREADS] ..." >&2
# shellcheck disable=SC2086  # extra options are split on spaces on purpose
moatwatch_bench_job "$OUT/job" "$THREADS" --input "$OUT/corpus" --output "$OUT/job" --run-id bench \
  ${MOATWATCH_BENCH_JOB_OPTS:-}

echo "bench: (b) plain CoreNLP, $THREADS threads ..." >&2
/usr/bin/time -v -o "$OUT/raw.time" java -Xmx6g -cp "$CP" io.moatwatch.bench.RawCoreNlpBench "$OUT/texts.jsonl" \
  "$THREADS" > "$OUT/raw.json" 2> "$OUT/raw.err"

python3 - "$OUT" <<'PY'
import json, re, sys
out = sys.argv[1]
def rss(path):
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read()).group(1)) // 1024
def wall(path):
    t = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", open(path).read()).group(1).split(":")
    return sum(float(x) * 60 ** i for i, x in enumerate(reversed(t)))
m = json.load(open(f"{out}/job/_runs/bench.json"))
raw = json.load(open(f"{out}/raw.json"))
posts, sents = m["counts"]["analysed"], m["counts"]["sentences"]
nlp, total = m["timings_s"]["nlp"], m["timings_s"]["total"]
rows = [
    ("job, NLP stage", posts, sents, nlp, m["jvm"]["driver_peak_heap_mb"], rss(f"{out}/job.time")),
    ("job, whole run", posts, sents, total, m["jvm"]["driver_peak_heap_mb"], rss(f"{out}/job.time")),
    ("job, spark-submit wall", posts, sents, wall(f"{out}/job.time"), None, None),
    ("plain CoreNLP, annotate", raw["texts"], raw["sentences"], raw["annotate_s"], raw["peak_heap_mb"], rss(f"{out}/raw.time")),
]
print(f"{'':26} {'posts':>6} {'sentences':>9} {'seconds':>8} {'posts/s':>8} {'sent/s':>8} {'peak heap MB':>12} {'peak RSS MB':>11}")
for name, p, s, sec, heap, r in rows:
    print(f"{name:26} {p:6d} {s:9d} {sec:8.1f} {p / sec:8.2f} {s / sec:8.2f} {heap if heap is not None else '':>12} {r if r is not None else '':>11}")
print(f"ratio job/raw (sentences/s): NLP stage {(sents / nlp) / (raw['sentences'] / raw['annotate_s']):.3f},"
      f" whole run {(sents / total) / (raw['sentences'] / raw['annotate_s']):.3f}"
      f"   (plain CoreNLP model load {raw['load_s']} s, not counted)")
if sents != raw["sentences"]:
    print(f"note: the job found {sents} sentences, plain CoreNLP {raw['sentences']}")
PY
