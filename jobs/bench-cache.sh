#!/usr/bin/env bash
# The annotation cache benchmark (BENCHMARKS.md, "No NLP done twice"). Not part of CI.
#
#   jobs/bench-cache.sh [TEXTS] [NEW]      # defaults: 3000 texts, 300 new posts; NEW=0 runs only (1)
#
# (1) Rerun: the job on TEXTS posts into an empty output (cold: every text goes through CoreNLP), then the same
#     input into the same output again (warm: every analysis comes from <output>/_cache). Prints both wall times
#     and the ratio.
# (2) Nightly over a cumulative export: NEW new posts on top of a history of 1x, 2x and 4x NEW posts. For each,
#     the history alone is run first (untimed: it fills the cache as earlier nights would have), then history +
#     new is timed. CoreNLP work should stay at NEW posts whatever the history.
# (3) A new label model: the input of (1) analysed with --labels corenlp into another empty output (untimed: a cache
#     whose entries no label model read), then with the shipped label model (timed): CoreNLP's part of every
#     analysis comes from the cache and only the model reads the posts, as after a label model update.
# Texts come from BenchCorpus (the GitHub gold standard, cleaned), as for jobs/bench.sh; the job runs with
# spark-submit --master local[2], --analyse-off-topic --all-languages so every post is analysed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
TEXTS="${1:-3000}"
NEW="${2:-300}"
OUT="$MOATWATCH_ROOT/out/bench-cache"
moatwatch_bench_setup bench-cache "$OUT"
NEEDED=$(( TEXTS > 7 * NEW ? TEXTS : 7 * NEW ))
java -cp "$CP" io.moatwatch.bench.BenchCorpus "$DATASETS" "$OUT/corpus-all" "$NEEDED" >&2

# job RUN_ID INPUT OUTPUT [JOB OPTIONS ...]: one spark-submit, timed; its manifest is OUTPUT/_runs/RUN_ID.json
job() {
  echo "bench-cache: $1 ..." >&2
  moatwatch_bench_job "$OUT/$1" 2 --input "$2" --output "$3" --run-id "$1" "${@:4}"
}

ALL="$OUT/corpus-all/corpus/corpus.jsonl"
mkdir -p "$OUT/rerun-input"
head -n "$TEXTS" "$ALL" > "$OUT/rerun-input/corpus.jsonl"
job cold "$OUT/rerun-input" "$OUT/rerun-out"
job warm "$OUT/rerun-input" "$OUT/rerun-out"
job fill-corenlp "$OUT/rerun-input" "$OUT/relabel-out" --labels corenlp
job relabel "$OUT/rerun-input" "$OUT/relabel-out"

for H in $( (( NEW > 0 )) && echo 1 2 4 ); do
  mkdir -p "$OUT/history-$H" "$OUT/cumulative-$H"
  head -n $(( H * NEW )) "$ALL" > "$OUT/history-$H/history.jsonl"
  cp "$OUT/history-$H/history.jsonl" "$OUT/cumulative-$H/history.jsonl"
  tail -n "$NEW" "$ALL" > "$OUT/cumulative-$H/new.jsonl"   # never in any history: 7*NEW texts were written
  job "fill-$H" "$OUT/history-$H" "$OUT/nightly-$H"
  job "night-$H" "$OUT/cumulative-$H" "$OUT/nightly-$H"
done

python3 - "$OUT" "$NEW" <<'PY'
import json, re, sys
out, new = sys.argv[1], int(sys.argv[2])
def wall(run):
    t = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", open(f"{out}/{run}.time").read()).group(1).split(":")
    return sum(float(x) * 60 ** i for i, x in enumerate(reversed(t)))
def manifest(run, output):
    return json.load(open(f"{out}/{output}/_runs/{run}.json"))
def row(name, run, output):
    m = manifest(run, output)
    c, t = m["counts"], m["timings_s"]
    print(f"{name:28} {c['read']:6d} {c['analysed_by_corenlp']:7d} {c['annotation_cache_hits']:6d} "
          f"{t['read']:6.1f} {t['nlp']:6.1f} {t['write']:6.1f} {t['total']:6.1f} {wall(run):7.1f}")
    return wall(run)
print(f"{'':28} {'posts':>6} {'CoreNLP':>7} {'cached':>6} {'read s':>6} {'nlp s':>6} {'write s':>6} {'total':>6} {'wall s':>7}")
cold = row("rerun: cold (empty cache)", "cold", "rerun-out")
warm = row("rerun: same input again", "warm", "rerun-out")
print(f"rerun speed-up (spark-submit wall): {cold / warm:.1f}x")
relabel = row("rerun: a new label model", "relabel", "relabel-out")
print(f"new label model against cold (spark-submit wall): {relabel / cold:.2f}")
for h in ((1, 2, 4) if new > 0 else ()):
    row(f"nightly: {h}x history + {new} new", f"night-{h}", f"nightly-{h}")
PY
