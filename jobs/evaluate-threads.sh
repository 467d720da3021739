#!/usr/bin/env bash
# Measures the job itself on the GPU-thread corpus (QUALITY.md, "Through the job"): writes a split as JSON lines
# (io.moatwatch.evaluate.ThreadsExport), runs jobs/run-local.sh on it with --analyse-off-topic --all-languages
# --no-cache, and compares the posts table with the gold labels: sentiment_label per post (posts the job did not
# score count as neutral), and topic_sentiment per (post, stack) for CUDA, ROCm and tinygrad against the gold stance,
# beside the post's own label given to each: on the posts whose gold names two or more of them, and on every post
# whose gold gives a stance toward one of them (job options such as --topic-stance topics pass through).
#
#   jobs/evaluate-threads.sh [--split test|valid] [--out DIR] [job options, e.g. --sentiment-model DIR]
#
# Defaults: the test split, out/quality-threads. Needs ../shared/datasets (or MOATWATCH_DATASETS) and Python with
# pandas and pyarrow (notebooks/requirements.txt). The corpus texts stay under DIR, never in the repository.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
SPLIT=test
OUT="$MOATWATCH_ROOT/out/quality-threads"
JOB=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --split) SPLIT="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) JOB+=("$1"); shift ;;
  esac
done
DATASETS="${MOATWATCH_DATASETS:-$MOATWATCH_ROOT/../shared/datasets}"
[[ -d "$DATASETS/gpu-threads" ]] || { echo "evaluate-threads: $DATASETS/gpu-threads not found (set MOATWATCH_DATASETS)" >&2; exit 2; }
moatwatch_build_if_stale
rm -rf "$OUT"
mkdir -p "$OUT"
java -cp "$MOATWATCH_ROOT/target/classes:$(cat "$MOATWATCH_ROOT/target/runtime.classpath")" \
  io.moatwatch.evaluate.ThreadsExport "$DATASETS" "$SPLIT" "$OUT/input/gpu-threads-$SPLIT.jsonl"
"$MOATWATCH_JOBS_DIR/run-local.sh" --no-report --input "$OUT/input" --output "$OUT/run" --run-id "threads-$SPLIT" \
  --analyse-off-topic --all-languages --no-cache "${JOB[@]+"${JOB[@]}"}" > "$OUT/job.log" 2>&1 \
  || { echo "evaluate-threads: the job failed, see $OUT/job.log" >&2; exit 1; }
python3 "$MOATWATCH_JOBS_DIR/lib/threads_quality.py" "$DATASETS/gpu-threads/$SPLIT.jsonl" "$OUT/run" "$OUT"
