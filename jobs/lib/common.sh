# Shared by jobs/run-local.sh, jobs/nightly.sh and jobs/evaluate.sh (sourced, not run): project paths, and building the
# application jar and the trimmed models jar with Maven when they are missing or the sources changed.
MOATWATCH_JOBS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MOATWATCH_ROOT="$(cd "$MOATWATCH_JOBS_DIR/.." && pwd)"
MOATWATCH_JAR="$MOATWATCH_ROOT/target/moatwatch-0.1.0-SNAPSHOT.jar"
MOATWATCH_MODELS_JAR="$MOATWATCH_ROOT/target/moatwatch-0.1.0-SNAPSHOT-models.jar"
MOATWATCH_MODELS_CP="$MOATWATCH_ROOT/target/models.classpath"

moatwatch_build_if_stale() {
  local stale=0
  if [[ -n "${MOATWATCH_SKIP_BUILD:-}" ]]; then
    # Set by the integration tests: they test the jars the build just made, never one rebuilt under them.
    [[ -f "$MOATWATCH_JAR" && -f "$MOATWATCH_MODELS_JAR" ]] && return 0
    echo "[moatwatch setup] MOATWATCH_SKIP_BUILD is set but $MOATWATCH_JAR or its models jar is missing" >&2
    exit 2
  fi
  [[ -f "$MOATWATCH_JAR" && -f "$MOATWATCH_MODELS_CP" && -f "$MOATWATCH_MODELS_JAR" \
    && -f "$MOATWATCH_ROOT/target/runtime.classpath" ]] || stale=1
  if [[ $stale == 0 && -n "$(find "$MOATWATCH_ROOT/src/main" "$MOATWATCH_ROOT/pom.xml" -newer "$MOATWATCH_JAR" \
      -print -quit)" ]]; then
    stale=1
  fi
  if [[ $stale == 1 ]]; then
    echo "[moatwatch setup] building the application jar (mvn package)..." >&2
    mvn -B -q -f "$MOATWATCH_ROOT/pom.xml" -DskipTests package >&2
  fi
}

# Benchmarks: checks the labelled datasets and /usr/bin/time, builds if stale, sets DATASETS and CP (classes,
# runtime and models classpath) and empties the output folder $2. $1 names the calling script in messages.
moatwatch_bench_setup() {
  DATASETS="${MOATWATCH_DATASETS:-$MOATWATCH_ROOT/../shared/datasets}"
  [[ -d "$DATASETS" ]] || { echo "$1: $DATASETS not found (set MOATWATCH_DATASETS)" >&2; exit 2; }
  [[ -x /usr/bin/time ]] || { echo "$1: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
  moatwatch_build_if_stale
  CP="$MOATWATCH_ROOT/target/classes:$(cat "$MOATWATCH_ROOT/target/runtime.classpath"):$(cat "$MOATWATCH_MODELS_CP")"
  rm -rf "$2"
  mkdir -p "$2"
}

# The morning report (notebooks/report.py) for results directory $1; extra arguments go to report.py (--dated).
# Installs notebooks/requirements.txt with pip when pandas, pyarrow or matplotlib are missing. A report that
# cannot be made is a warning, never a failed run: the Parquet is already committed.
moatwatch_report() {
  local results="$1"
  shift
  if ! command -v python3 > /dev/null; then
    echo "[moatwatch report] skipped: python3 is not installed" >&2
    return 0
  fi
  if ! python3 -c "import pandas, pyarrow, matplotlib" 2> /dev/null; then
    echo "[moatwatch report] installing notebooks/requirements.txt with pip ..." >&2
    python3 -m pip install --retries 0 --quiet --disable-pip-version-check \
      -r "$MOATWATCH_ROOT/notebooks/requirements.txt" >&2 \
      || { echo "[moatwatch report] skipped: pip could not install notebooks/requirements.txt" >&2; return 0; }
  fi
  python3 "$MOATWATCH_ROOT/notebooks/report.py" --results "$results" "$@" \
    || echo "[moatwatch report] failed (the run's tables are written; see above)" >&2
}

# One timed benchmark run of the job (jobs/bench*.sh): spark-submit --master local[$2] on this machine, every
# text analysed whatever it mentions or its language, /usr/bin/time -v into $1.time, output into $1.out and
# $1.err; the remaining arguments go to the job (--input, --output, --run-id ...).
moatwatch_bench_job() {
  local base="$1" threads="$2"
  shift 2
  /usr/bin/time -v -o "$base.time" "$MOATWATCH_JOBS_DIR/spark-submit" --master "local[$threads]" \
    --driver-memory "${MOATWATCH_BENCH_DRIVER_MEMORY:-6g}" --driver-class-path "$(cat "$MOATWATCH_MODELS_CP")" \
    --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
    --class io.moatwatch.cli.Main "$MOATWATCH_JAR" --analyse-off-topic --all-languages "$@" \
    > "$base.out" 2> "$base.err"
}
