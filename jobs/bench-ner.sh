#!/usr/bin/env bash
# Benchmark (BENCHMARKS.md, "The entity rules' cost"): CoreNLP's NER on one thread over the corpus of jobs/bench.sh,
# stock, with the gazetteer, and with the gazetteer and the name rules (the job's default), each on its second pass.
#
#   jobs/bench-ner.sh [TEXTS]      # default: 3000 texts of the GitHub gold standard
#
# Needs ../shared/datasets (or MOATWATCH_DATASETS). The NLP stage as a whole: jobs/bench.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
TEXTS="${1:-3000}"
OUT="$MOATWATCH_ROOT/out/bench-ner"
moatwatch_bench_setup bench-ner "$OUT"
java -cp "$CP" io.moatwatch.bench.BenchCorpus "$DATASETS" "$OUT" "$TEXTS"
exec java -Xmx4g -cp "$CP" io.moatwatch.bench.NerCost "$OUT/texts.jsonl"
