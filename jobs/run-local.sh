#!/usr/bin/env bash
# Runs the moatwatch job through the real spark-submit with --master local[*].
#
#   jobs/run-local.sh                          # data/ -> out/sample
#   jobs/run-local.sh --input ~/exports --output out/mine --day 2026-11-20
#
# Any job option can be passed (jobs/run-local.sh --help lists them). The first run builds the
# application jar and assembles a local Spark runtime from Maven Central; later runs rebuild the jar
# only when the sources changed.
#
# Environment: MOATWATCH_DRIVER_MEMORY (default 6g), SPARK_HOME (use your own Spark instead),
# MOATWATCH_SPARK_OPTS (extra spark-submit options, e.g. "--conf spark.ui.enabled=false").
set -euo pipefail
JOBS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$JOBS_DIR/.." && pwd)"
JAR="$ROOT/target/moatwatch-0.1.0-SNAPSHOT.jar"
MODELS_CP="$ROOT/target/models.classpath"

stale() {
  [[ ! -f "$JAR" || ! -f "$MODELS_CP" ]] && return 0
  [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]
}
if stale; then
  echo "[moatwatch setup] building the application jar (mvn package)..." >&2
  mvn -B -q -f "$ROOT/pom.xml" -DskipTests package >&2
fi

# Default input and output are the bundled samples, whatever directory this is run from.
ARGS=("$@")
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

# In local mode the driver is the executor: the models go on its classpath directly (no copying of ~900 MB).
exec "$JOBS_DIR/spark-submit" \
  --master "local[*]" \
  --name moatwatch \
  --driver-memory "${MOATWATCH_DRIVER_MEMORY:-6g}" \
  --driver-class-path "$(cat "$MODELS_CP")" \
  --conf spark.ui.showConsoleProgress=false \
  ${MOATWATCH_SPARK_OPTS:-} \
  --class io.moatwatch.cli.Main \
  "$JAR" "${ARGS[@]}"
