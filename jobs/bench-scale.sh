#!/usr/bin/env bash
# Scale benchmark (BENCHMARKS.md, "Month-scale dumps"): a deterministic Pushshift-style Reddit comment dump of N
# comments (io.moatwatch.bench.PushshiftDump: the 2023 field set, ~1.3 kB a record, a share of comments naming
# tinygrad/ROCm/CUDA, replies in those threads that name nothing), then in one run on one machine:
#   (a) the raw scan: zstd -dc --long=31 DUMP | LC_ALL=C grep -c -i -E 'rocm|cuda|tinygrad|geohot|team red'
#       (in the C locale, as the prefilter reads bytes: GNU grep in a UTF-8 locale took 50 s, not 26, on the
#       same 10M dump, so the baseline must not depend on the caller's LANG)
#   (b) the job: jobs/spark-submit --master local[THREADS] on the dump, default options
# and prints both, the read path (read + thread resolution, until NLP starts) against the raw scan, and peak RSS.
#
#   jobs/bench-scale.sh [N] [THREADS] [ON_TOPIC_SHARE]     # defaults: 1000000 comments, 2 threads, 0.003
#   MOATWATCH_BENCH_DRIVER_MEMORY=4g jobs/bench-scale.sh   # the job's heap (default 3g: peak RSS under 4 GB)
#   MOATWATCH_BENCH_JOB_OPTS="--no-cache" jobs/bench-scale.sh
#
# Needs zstd and /usr/bin/time (Debian packages "zstd" and "time"). Writes under out/bench-scale/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
N="${1:-1000000}"
THREADS="${2:-2}"
SHARE="${3:-0.003}"
OUT="$MOATWATCH_ROOT/out/bench-scale"
command -v zstd > /dev/null || { echo "bench-scale: zstd is needed (apt-get install zstd)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench-scale: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
moatwatch_build_if_stale
CP="$MOATWATCH_ROOT/target/classes:$(cat "$MOATWATCH_ROOT/target/runtime.classpath")"
rm -rf "$OUT"
mkdir -p "$OUT/input"
DUMP="$OUT/input/RC_bench-$N.zst"

echo "bench-scale: generating $N comments (share on topic $SHARE) ..." >&2
java -cp "$CP" io.moatwatch.bench.PushshiftDump "$N" "$SHARE" | zstd -q -T"$THREADS" -o "$DUMP"
JSON_BYTES=$(zstd -dc --long=31 "$DUMP" | wc -c)

echo "bench-scale: (a) raw scan ..." >&2
START=$(date +%s.%N)
MATCHES=$(zstd -dc --long=31 "$DUMP" | LC_ALL=C grep -c -i -E 'rocm|cuda|tinygrad|geohot|team red' || true)
RAW_S=$(python3 -c "import sys; print(round($(date +%s.%N) - $START, 2))")

echo "bench-scale: (b) the job, spark-submit --master local[$THREADS] ..." >&2
# shellcheck disable=SC2086  # extra options are split on spaces on purpose
/usr/bin/time -v -o "$OUT/job.time" "$MOATWATCH_JOBS_DIR/spark-submit" --master "local[$THREADS]" \
  --driver-memory "${MOATWATCH_BENCH_DRIVER_MEMORY:-3g}" --driver-class-path "$(cat "$MOATWATCH_MODELS_CP")" \
  --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
  --class io.moatwatch.cli.Main "$MOATWATCH_JAR" --input "$DUMP" --output "$OUT/job" --run-id bench-scale \
  ${MOATWATCH_BENCH_JOB_OPTS:-} > "$OUT/job.out" 2> "$OUT/job.err"

python3 - "$OUT" "$N" "$SHARE" "$THREADS" "$DUMP" "$JSON_BYTES" "$MATCHES" "$RAW_S" <<'PY'
import json, os, re, sys
out, n, share, threads, dump, json_bytes, matches, raw_s = sys.argv[1:]
m = json.load(open(os.path.join(out, "job", "_runs", "bench-scale.json")))
t = m["timings_s"]
c = m["counts"]
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(os.path.join(out, "job.time")).read()).group(1))
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", open(os.path.join(out, "job.time")).read()).group(1)
read_path = t["read"] + t.get("threads", 0)
raw = float(raw_s)
print(f"dump: {int(n):,} comments, {int(json_bytes)/1e9:.2f} GB of JSON, {os.path.getsize(dump)/1e6:.0f} MB of .zst, "
      f"on-topic share {share}, local[{threads}]")
print(f"raw scan (zstd -dc | LC_ALL=C grep -c -i -E ...): {raw:.1f} s, {matches} matching lines")
print(f"job: read {t['read']:.1f} s + threads {t.get('threads', 0):.1f} s = read path {read_path:.1f} s; "
      f"cache lookup {t.get('cache', 0):.1f} s; NLP stage {t['nlp']:.1f} s; write {t['write']:.1f} s; total {t['total']:.1f} s "
      f"(spark-submit wall {wall})")
print(f"ratio read path / raw scan: {read_path / raw:.1f}x")
print(f"records: read {c['read']:,} = analysed {c['analysed']:,} + skipped {c['skipped']:,} + rejected {c['rejected']:,}; "
      f"by status {json.dumps(c['by_status'], sort_keys=True)}")
print(f"peak RSS of spark-submit and its JVM: {rss/1024:.0f} MB")
PY
