#!/usr/bin/env bash
# Two jobs/evaluate.sh runs of the same sets with two label models, on the same test items (QUALITY.md, "Which
# model"): per set, per slice of the GPU-thread corpus and on its stance pairs, each model's macro-F1 and the 95 %
# bootstrap interval of the difference (io.moatwatch.evaluate.CompareMain; the corpus's threads drawn whole).
#
#   jobs/evaluate.sh --out out/quality-a
#   jobs/evaluate.sh --sentiment-model DIR --out out/quality-b
#   jobs/compare-evaluations.sh out/quality-a out/quality-b [--out FILE.md] [--datasets DIR]
#
# Needs the sets the runs read (../shared/datasets, or --datasets).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
moatwatch_build_if_stale
cd "$MOATWATCH_ROOT"
exec java -cp "$MOATWATCH_ROOT/target/classes:$(cat "$MOATWATCH_ROOT/target/runtime.classpath")" \
  io.moatwatch.evaluate.CompareMain "$@"
