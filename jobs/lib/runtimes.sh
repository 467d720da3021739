#!/usr/bin/env bash
# The local runtimes assembled from Maven Central, in one place: Spark (jobs/spark-runtime), Spark with YARN support
# (the same pom, -Pyarn) and Hadoop's mini-cluster (jobs/hadoop-minicluster). Each is assembled when it is missing
# or its pom changed since, and trusted only once complete (a marker file is written last, so an interrupted
# assembly is redone).
#
#   jobs/lib/runtimes.sh spark yarn minicluster     # assemble what is stale (the build runs this before the
#                                                    # integration tests: pom.xml, pre-integration-test)
#   source jobs/lib/runtimes.sh; moatwatch_runtime spark   # what jobs/spark-class and friends do
MOATWATCH_RUNTIMES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Assembles runtime $1 (spark, yarn or minicluster) if stale; prints its directory.
moatwatch_runtime() {
  local name="$1" pom dir marker args=() what
  case "$name" in
    spark) pom="$MOATWATCH_RUNTIMES_DIR/spark-runtime/pom.xml" dir="$MOATWATCH_RUNTIMES_DIR/spark-runtime/target/spark-home"
      marker="$dir/RELEASE" what="a local Spark runtime" ;;
    yarn) pom="$MOATWATCH_RUNTIMES_DIR/spark-runtime/pom.xml" dir="$MOATWATCH_RUNTIMES_DIR/spark-runtime/target/spark-home-yarn"
      marker="$dir/RELEASE" args=(-Pyarn) what="a local Spark runtime with YARN support" ;;
    minicluster) pom="$MOATWATCH_RUNTIMES_DIR/hadoop-minicluster/pom.xml" dir="$MOATWATCH_RUNTIMES_DIR/hadoop-minicluster/target/lib"
      marker="$dir/.complete" what="Hadoop's mini-cluster" ;;
    *) echo "runtimes.sh: unknown runtime '$name' (spark, yarn or minicluster)" >&2; return 2 ;;
  esac
  if [[ ! -f "$marker" || "$pom" -nt "$marker" ]]; then
    echo "[moatwatch setup] assembling $what from Maven Central (first run only)..." >&2
    [[ "$name" == minicluster ]] && rm -rf "$dir"
    mvn -B -q -f "$pom" "${args[@]+"${args[@]}"}" package >&2 || return 1
    # The Spark launcher also wants a RELEASE file to treat the folder as a distribution.
    echo "assembled by moatwatch from Maven Central ($pom ${args[*]+"${args[*]}"})" > "$marker"
  fi
  echo "$dir"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  [[ $# -gt 0 ]] || { echo "usage: jobs/lib/runtimes.sh spark|yarn|minicluster ..." >&2; exit 2; }
  for runtime in "$@"; do
    moatwatch_runtime "$runtime" > /dev/null
  done
fi
