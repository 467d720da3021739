#!/usr/bin/env bash
# Runs the moatwatch job through the real spark-submit with --master local[*].
#
#   jobs/run-local.sh                          # data/ -> out/sample
#   jobs/run-local.sh --input ~/exports --output out/mine --day 2026-11-20
#
# Any job option can be passed (jobs/run-local.sh --help lists them); --no-report skips the morning report
# (<output>/_report/index.html, notebooks/report.py) made after a successful run. The first run builds the
# application jar and assembles a local Spark runtime from Maven Central; later runs rebuild the jar
# only when the sources changed.
#
# Environment: MOATWATCH_DRIVER_MEMORY (default 6g), SPARK_HOME (use your own Spark instead),
# MOATWATCH_SPARK_OPTS (extra spark-submit options, e.g. "--conf spark.ui.enabled=false").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
JOBS_DIR="$MOATWATCH_JOBS_DIR"
ROOT="$MOATWATCH_ROOT"
moatwatch_build_if_stale

# Default input and output are the bundled samples, whatever directory this is run from.
ARGS=()
REPORT=1
for a in "$@"; do
  if [[ "$a" == "--no-report" ]]; then REPORT=0; else ARGS+=("$a"); fi
done
has_option() {
  local a
  for a in "${ARGS[@]+"${ARGS[@]}"}"; do
    for name in "$@"; do
      [[ "$a" == "$name" || "$a" == "$name="* ]] && return 0
    done
  done
  return 1
}
has_option -i --input || ARGS+=(--input "$ROOT/data")
has_option -o --output || ARGS+=(--output "$ROOT/out/sample")
has_option -h --help -V --version && REPORT=0
OUTPUT="$ROOT/out/sample"
for ((i = 0; i < ${#ARGS[@]}; i++)); do
  case "${ARGS[$i]}" in
    -o|--output) OUTPUT="${ARGS[$((i + 1))]:-}" ;;
    --output=*) OUTPUT="${ARGS[$i]#--output=}" ;;
  esac
done

# In local mode the driver is the executor: the models go on its classpath directly (no copying of ~900 MB).
set +e
"$JOBS_DIR/spark-submit" \
  --master "local[*]" \
  --name moatwatch \
  --driver-memory "${MOATWATCH_DRIVER_MEMORY:-6g}" \
  --driver-class-path "$(cat "$MOATWATCH_MODELS_CP")" \
  --conf spark.ui.showConsoleProgress=false \
  ${MOATWATCH_SPARK_OPTS:-} \
  --class io.moatwatch.cli.Main \
  "$MOATWATCH_JAR" "${ARGS[@]}"
CODE=$?
set -e
if [[ $CODE == 0 && $REPORT == 1 ]]; then
  moatwatch_report "$OUTPUT"
fi
exit $CODE
