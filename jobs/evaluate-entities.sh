#!/usr/bin/env bash
# Measures the job's entities on the team's evaluation set (docs/ENTITIES.md, "How well"): recall and precision of
# canonical names per type, on the items the rules were developed on (dev) and on the rest (test).
#
#   jobs/evaluate-entities.sh [GOLD_JSONL [OUT_DIR]]      # defaults: src/test/resources/entities/gold.jsonl,
#                                                          # out/quality-entities
# Runs in a plain JVM (no Spark): the job's classes and the CoreNLP models from ~/.m2.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
moatwatch_build_if_stale
cd "$MOATWATCH_ROOT"
exec java -Xmx"${MOATWATCH_EVAL_MEMORY:-5g}" \
  -cp "$MOATWATCH_ROOT/target/classes:$(cat "$MOATWATCH_ROOT/target/runtime.classpath"):$(cat "$MOATWATCH_MODELS_CP")" \
  io.moatwatch.evaluate.EntityCheck "$@"
