#!/usr/bin/env bash
# Documents per second of the Spark embedding path (both engines, the shipped bge-small int8 model, local mode) beside
# ONNX Runtime used directly on the same AG News texts in the same run, and their ratio.
#   submit/bench-embeddings.sh [documents, default 7600] [batch size, default 16] [rounds, default 2]
# Rounds alternate direct and Spark timings and keep the best of each, so a busy machine skews both alike.
# Prints the figures and writes them to target/bench-embeddings.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
docs="${1:-7600}"
batch="${2:-16}"
rounds="${3:-2}"
mvn -q -o test -Dtest=EmbeddingThroughputBenchmark -Dtest.groups.excluded=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.docs="${docs}" -Dbench.batch="${batch}" -Dbench.rounds="${rounds}" >/dev/null 2>target/bench-embeddings.log || {
  echo "benchmark failed; see target/bench-embeddings.log and target/surefire-reports" >&2
  exit 1
}
cat target/bench-embeddings.txt
