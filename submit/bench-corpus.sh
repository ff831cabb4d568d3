#!/usr/bin/env bash
# The generated benchmark corpus (io.textcluster.bench.MillionCorpus) in target/bench/million: {parquet,jsonl}, one
# Parquet file per 50,000 rows (in id order: file i holds ids 50,000 i .. 50,000 (i + 1) - 1), and "rows" with the
# count. Generation is deterministic per id, so the first n files of a larger corpus are the corpus of n x 50,000 rows.
# Used by bench-million.sh (exactly ROWS) and by bench-scaling.sh / bench-standalone.sh (--at-least ROWS: a larger
# corpus already there is kept and its first files used). Expects the project built (target/*classpath*, test-classes).
# --subset ROWS makes target/bench/subsets/ROWS, links to the first ROWS / 50,000 Parquet files, and prints its path.
#
#   submit/bench-corpus.sh ROWS [--at-least]
#   submit/bench-corpus.sh --subset ROWS
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="$ROOT/target/bench/million"
FILE_ROWS=50000
if [[ "${1:-}" == --subset ]]; then
  ROWS="$2"
  HAVE="$(cat "$CORPUS/rows" 2>/dev/null || echo 0)"
  # MillionCorpus writes rows / 50,000 files (at most 64): only then is every file 50,000 rows.
  if (( ROWS <= 0 || ROWS % FILE_ROWS != 0 || HAVE % FILE_ROWS != 0 || HAVE / FILE_ROWS > 64 || ROWS > HAVE )); then
    echo "bench-corpus.sh: $ROWS documents: give a multiple of $FILE_ROWS up to the corpus's $HAVE rows" >&2
    exit 2
  fi
  SUBSET="$ROOT/target/bench/subsets/$ROWS"
  rm -rf "$SUBSET"
  mkdir -p "$SUBSET"
  # Part files are named by partition number (part-00000-...), so name order is id order.
  find "$CORPUS/parquet" -maxdepth 1 -name 'part-*.parquet' | sort | head -n $((ROWS / FILE_ROWS)) \
    | while read -r part; do ln -s "$part" "$SUBSET/"; done
  echo "$SUBSET"
  exit 0
fi
ROWS="$1"
HAVE="$(cat "$CORPUS/rows" 2>/dev/null || echo 0)"
if [[ "$HAVE" == "$ROWS" || ( "${2:-}" == --at-least && "$HAVE" -ge "$ROWS" ) ]]; then
  exit 0
fi
CP="$ROOT/target/textcluster-app.jar:$ROOT/target/test-classes:$(cat "$ROOT/target/provided-classpath.txt")"
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$ROOT/pom.xml")
echo "== generating $ROWS documents into $CORPUS"
mkdir -p "$CORPUS"
rm -f "$CORPUS/rows"
java $OPENS -Xmx6g -Dspark.master="local[*]" -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CP" \
  io.textcluster.bench.MillionCorpus "$ROOT/../shared/data" "$CORPUS" "$ROWS" 2>/dev/null
echo "$ROWS" > "$CORPUS/rows"
