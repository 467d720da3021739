#!/usr/bin/env bash
# Measures the job's language identification (QUALITY.md, "Language identification"): English texts of the
# labelled sets called another language, the probe sentences in 22 other languages kept from English scoring,
# the hostile corpus's languages, and microseconds per text.
#
#   jobs/evaluate-language.sh [DATASETS_DIR [PROBES_TSV [HOSTILE_JSONL [SHORT_PROBES_TSV]]]]
#
# Defaults: ../shared/datasets, src/test/resources/language/probes.tsv,
# src/test/resources/hostile/non-english.jsonl, src/test/resources/language/short-probes.tsv. Runs in a plain JVM (no Spark, no CoreNLP models).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
moatwatch_build_if_stale
cd "$MOATWATCH_ROOT"
exec java -Xmx1g -cp "$MOATWATCH_ROOT/target/classes:$(cat "$MOATWATCH_ROOT/target/runtime.classpath")" \
  io.moatwatch.evaluate.LanguageCheck "$@"
