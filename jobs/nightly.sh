#!/usr/bin/env bash
# The nightly moatwatch run: one UTC day (default: yesterday) or a window, submitted with spark-submit.
#
#   jobs/nightly.sh                                  # yesterday (UTC)
#   jobs/nightly.sh --day 2026-11-20                 # one day; re-running it replaces exactly that day
#   jobs/nightly.sh --from 2026-11-14 --to 2026-11-20
#   jobs/nightly.sh --day 2026-11-20 --dry-run       # print what would run, run nothing
#   jobs/nightly.sh --day 2026-11-20 -- --topics /etc/moatwatch/gpu.topics   # job options after --
#
# Configuration (docs/NIGHTLY.md): a KEY=VALUE file, jobs/conf/nightly.conf or --config FILE or
# $MOATWATCH_NIGHTLY_CONF; any key set in the environment wins over the file. Input: if the input directory
# has a folder per day (<input>/2026-11-20/), the days' folders are read; otherwise every file under it,
# and the job keeps the records of the window (the rest are counted as out_of_window).
#
# Only one nightly run at a time: a second one while the first holds the lock refuses to start.
# Each run logs to <log dir>/nightly-<day>-<UTC time>.log; the job's run manifest (<output>/_runs/) says
# "running" until the run has written every table and then "succeeded" (or "failed").
#
# After a successful run the morning report is written to <output>/_report/index.html and a dated copy
# <output>/_report/<newest day>.html (notebooks/report.py); MOATWATCH_REPORT=0 turns it off.
#
# Exit codes: 0 success; 1 the run failed (see the log); 2 bad configuration; 3 another run holds the lock.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

say() { echo "moatwatch nightly: $*"; }
die() { echo "moatwatch nightly: $1" >&2; exit "${2:-2}"; }

DAY="" FROM="" TO="" CONFIG="${MOATWATCH_NIGHTLY_CONF:-}" DRY_RUN=0 JOB_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --day) DAY="${2:?--day needs a date}"; shift 2 ;;
    --from) FROM="${2:?--from needs a date}"; shift 2 ;;
    --to) TO="${2:?--to needs a date}"; shift 2 ;;
    --config) CONFIG="${2:?--config needs a file}"; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; JOB_ARGS=("$@"); break ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

# --- configuration: environment > config file > defaults --------------------------------------------------
KEYS=(MOATWATCH_INPUT MOATWATCH_OUTPUT MOATWATCH_MASTER MOATWATCH_DRIVER_MEMORY MOATWATCH_EXECUTOR_MEMORY
  MOATWATCH_EXECUTOR_CORES MOATWATCH_LOG_DIR MOATWATCH_LOCK_FILE MOATWATCH_SPARK_SUBMIT MOATWATCH_SPARK_OPTS
  MOATWATCH_JOB_OPTS MOATWATCH_MODELS_JARS MOATWATCH_REPORT)
if [[ -z "$CONFIG" && -f "$MOATWATCH_JOBS_DIR/conf/nightly.conf" ]]; then
  CONFIG="$MOATWATCH_JOBS_DIR/conf/nightly.conf"
fi
if [[ -n "$CONFIG" ]]; then
  [[ -r "$CONFIG" ]] || die "config file $CONFIG does not exist or is not readable"
  n=0
  while IFS= read -r line || [[ -n "$line" ]]; do
    n=$((n + 1))
    line="${line#"${line%%[![:space:]]*}"}"
    [[ -z "$line" || "$line" == \#* ]] && continue
    [[ "$line" =~ ^([A-Z_]+)=(.*)$ ]] || die "$CONFIG line $n: expected KEY=VALUE"
    key="${BASH_REMATCH[1]}" value="${BASH_REMATCH[2]}"
    value="${value%\"}" value="${value#\"}"
    [[ " ${KEYS[*]} " == *" $key "* ]] || die "$CONFIG line $n: unknown key $key (expected one of ${KEYS[*]})"
    # The environment wins: a key already set there keeps its value.
    [[ -n "${!key+set}" ]] || printf -v "$key" '%s' "$value"
  done < "$CONFIG"
fi
INPUT="${MOATWATCH_INPUT:-$MOATWATCH_ROOT/data}"
OUTPUT="${MOATWATCH_OUTPUT:-$MOATWATCH_ROOT/out/nightly}"
MASTER="${MOATWATCH_MASTER:-local[*]}"
LOG_DIR="${MOATWATCH_LOG_DIR:-$MOATWATCH_ROOT/out/logs}"
LOCK_FILE="${MOATWATCH_LOCK_FILE:-$LOG_DIR/nightly.lock}"
SPARK_SUBMIT="${MOATWATCH_SPARK_SUBMIT:-$MOATWATCH_JOBS_DIR/spark-submit}"

# --- the window -------------------------------------------------------------------------------------------
valid_day() { [[ "$1" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] && date -u -d "$1" +%F >/dev/null 2>&1 \
  && [[ "$(date -u -d "$1" +%F)" == "$1" ]]; }
if [[ -n "$DAY" && ( -n "$FROM" || -n "$TO" ) ]]; then die "--day cannot be combined with --from/--to"; fi
if [[ -n "$FROM" || -n "$TO" ]]; then
  [[ -n "$FROM" && -n "$TO" ]] || die "--from and --to go together"
  valid_day "$FROM" || die "--from '$FROM' is not a date like 2026-11-20"
  valid_day "$TO" || die "--to '$TO' is not a date like 2026-11-20"
  [[ ! "$FROM" > "$TO" ]] || die "--from $FROM is after --to $TO"
  WINDOW=(--from "$FROM" --to "$TO") LABEL="${FROM}_${TO}"
  DAYS=() d="$FROM"
  while [[ ! "$d" > "$TO" ]]; do DAYS+=("$d"); d="$(date -u -d "$d + 1 day" +%F)"; done
else
  DAY="${DAY:-$(date -u -d yesterday +%F)}"
  valid_day "$DAY" || die "--day '$DAY' is not a date like 2026-11-20"
  WINDOW=(--day "$DAY") LABEL="$DAY" DAYS=("$DAY")
fi

# --- input: folders per day when the input is laid out that way, else everything ---------------------------
[[ "$INPUT" == *://* || -e "$INPUT" ]] || die "input $INPUT does not exist (set MOATWATCH_INPUT)"
INPUTS=()
if [[ -d "$INPUT" ]]; then
  for d in "${DAYS[@]}"; do [[ -d "$INPUT/$d" ]] && INPUTS+=("$INPUT/$d"); done
fi
if [[ ${#INPUTS[@]} -eq 0 ]]; then INPUTS=("$INPUT"); fi
INPUT_LIST="$(IFS=,; echo "${INPUTS[*]}")"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_ID="nightly-$LABEL-$STAMP"
LOG="$LOG_DIR/nightly-$LABEL-$STAMP.log"
MODELS="${MOATWATCH_MODELS_JARS:-$MOATWATCH_MODELS_JAR}"
SUBMIT=("$SPARK_SUBMIT" --master "$MASTER" --name "moatwatch-nightly-$LABEL"
  --driver-memory "${MOATWATCH_DRIVER_MEMORY:-6g}" --executor-memory "${MOATWATCH_EXECUTOR_MEMORY:-6g}")
[[ -n "${MOATWATCH_EXECUTOR_CORES:-}" ]] && SUBMIT+=(--executor-cores "$MOATWATCH_EXECUTOR_CORES")
SUBMIT+=(--jars "$MODELS" --conf spark.ui.showConsoleProgress=false)
# shellcheck disable=SC2206  # extra options are split on spaces on purpose
SUBMIT+=(${MOATWATCH_SPARK_OPTS:-} --class io.moatwatch.cli.Main "$MOATWATCH_JAR"
  --input "$INPUT_LIST" --output "$OUTPUT" "${WINDOW[@]}" --run-id "$RUN_ID" ${MOATWATCH_JOB_OPTS:-})
SUBMIT+=("${JOB_ARGS[@]+"${JOB_ARGS[@]}"}")

if [[ $DRY_RUN == 1 ]]; then
  say "dry run: days ${DAYS[*]}, input $INPUT_LIST, output $OUTPUT, lock $LOCK_FILE, log $LOG"
  printf '%q ' "${SUBMIT[@]}"; echo
  exit 0
fi

# --- one run at a time ------------------------------------------------------------------------------------
mkdir -p "$LOG_DIR" "$(dirname "$LOCK_FILE")" || die "cannot create $LOG_DIR"
exec 9>>"$LOCK_FILE" || die "cannot open the lock file $LOCK_FILE"
if ! flock -n 9; then
  die "another nightly run holds the lock $LOCK_FILE ($(cat "$LOCK_FILE" 2>/dev/null || echo "unknown")); not starting" 3
fi
echo "pid $$, run $RUN_ID, started $STAMP" > "$LOCK_FILE"

moatwatch_build_if_stale
say "run $RUN_ID: days ${DAYS[*]}, input $INPUT_LIST, output $OUTPUT, master $MASTER"
say "log $LOG"
set +e
{ printf '%q ' "${SUBMIT[@]}"; echo; "${SUBMIT[@]}"; } > "$LOG" 2>&1
CODE=$?
set -e
grep -E '^moatwatch(: | run | results: )' "$LOG" || true
: > "$LOCK_FILE"
case $CODE in
  0) say "run $RUN_ID succeeded"
     if [[ "${MOATWATCH_REPORT:-1}" != 0 ]]; then moatwatch_report "$OUTPUT" --dated >> "$LOG" 2>&1; fi
     grep -E '^moatwatch report: ' "$LOG" || true
     exit 0 ;;
  2) die "run $RUN_ID: bad configuration (see above and $LOG)" 2 ;;
  3) die "run $RUN_ID: another run is using $OUTPUT (see $LOG)" 3 ;;
  *) die "run $RUN_ID failed with exit code $CODE (see $LOG)" 1 ;;
esac
