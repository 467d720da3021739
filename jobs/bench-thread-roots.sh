#!/usr/bin/env bash
# What the threads table costs as the published posts grow (BENCHMARKS.md, "The threads table over a long
# history"): the job's threads table takes earlier runs' thread roots from the whole published posts table.
#
#   jobs/bench-thread-roots.sh [HISTORY ...]     # defaults: 1000000 3000000 earlier posts
#
# Runs the job on the sample data (jobs/run-local.sh, no report), then for each HISTORY: a synthetic published
# history of that many posts (bench.ThreadRootsHistory: 30 days, one thread root in ten) and the threads table of
# the sample run's posts built without and with it, in one driver JVM (local[2]), medians of five.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
SIZES=("${@:-1000000 3000000}")
OUT="$MOATWATCH_ROOT/out/bench-thread-roots"
moatwatch_build_if_stale
rm -rf "$OUT"
mkdir -p "$OUT"
"$MOATWATCH_JOBS_DIR/run-local.sh" --no-report --input "$MOATWATCH_ROOT/data" --output "$OUT/sample" --no-cache \
  > "$OUT/sample.log" 2>&1 || { echo "bench-thread-roots: the sample run failed, see $OUT/sample.log" >&2; exit 1; }
CP="$MOATWATCH_ROOT/target/classes:$(cat "$MOATWATCH_ROOT/target/runtime.classpath")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
for N in ${SIZES[*]}; do
  java -Xmx6g -Dlog4j2.configurationFile="$MOATWATCH_JOBS_DIR/conf/log4j2.properties" \
    -cp "$CP" io.moatwatch.bench.ThreadRootsHistory "$OUT/sample" "$OUT/history-$N" "$N" 2> "$OUT/history-$N.log"
  rm -rf "$OUT/history-$N"
done
