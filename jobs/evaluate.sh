#!/usr/bin/env bash
# Measures moatwatch's sentiment path (cleaning -> CoreNLP -> post label) on labelled sets (QUALITY.md).
#
#   jobs/evaluate.sh                                   # every set in ../shared/datasets -> out/quality
#   jobs/evaluate.sh --sets github,senti4sd --limit 200
#   jobs/evaluate.sh --tune                            # also search the neutral band on the tuning splits
#   jobs/evaluate.sh --help
#
# Runs in a plain JVM (no Spark): the job's classes, their dependencies and the CoreNLP models from ~/.m2.
# Environment: MOATWATCH_EVAL_MEMORY (default 5g).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
moatwatch_build_if_stale
cd "$MOATWATCH_ROOT"
exec java -Xmx"${MOATWATCH_EVAL_MEMORY:-5g}" \
  -cp "$MOATWATCH_ROOT/target/classes:$(cat "$MOATWATCH_ROOT/target/runtime.classpath"):$(cat "$MOATWATCH_MODELS_CP")" \
  io.moatwatch.evaluate.EvaluateMain "$@"
