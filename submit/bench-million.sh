#!/usr/bin/env bash
# The million-document benchmark: generate a 1,000,000-row Parquet corpus from the shared real corpora (sampled, words
# perturbed: io.textcluster.bench.MillionCorpus), run the TF-IDF + k-means (k = 20) job on it end to end with the
# default launcher settings (submit/local.sh), then scikit-learn's TfidfVectorizer + KMeans on the same corpus, and
# write wall time, peak memory and V-measure of both, side by side, to BENCHMARKS.md.
#
#   submit/bench-million.sh [ROWS=1000000]
set -euo pipefail
ROWS="${1:-1000000}"
if ! /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn
fi
# shellcheck source=bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
CORPUS="$WORK/million"

"$ROOT/submit/bench-corpus.sh" "$ROWS"
record_launcher_archive

echo "== textcluster: submit/local.sh run --config conf/bench/million.conf (default launcher settings)"
rm -rf "$ROOT/target/bench/million-lake"
/usr/bin/time -f "peak_rss_kb %M wall_s %e" -o "$WORK/million-time.txt" \
  "$ROOT/submit/local.sh" run --config "$ROOT/conf/bench/million.conf" --run-id million | tee "$WORK/million-run.txt"
# The run's own record: documents, V-measure, seconds per stage and the driver's peak heap.
java $OPENS -Xmx2g -Dspark.master="local[1]" -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CP" \
  io.textcluster.bench.RunFigures "$ROOT/target/bench/million-lake" million 2>/dev/null > "$WORK/million-figures.txt"

echo "== scikit-learn: TfidfVectorizer + KMeans(n_init=1) on the same corpus"
/usr/bin/time -f "peak_rss_kb %M wall_s %e" -o "$WORK/million-sklearn-time.txt" \
  /usr/bin/python3 "$ROOT/submit/bench_million_sklearn.py" "$CORPUS" | tee "$WORK/million-sklearn.txt"

/usr/bin/python3 - "$ROWS" "$WORK" <<'PY' | /usr/bin/python3 "$ROOT/submit/bench_section.py" "$ROOT/BENCHMARKS.md" million
import sys, datetime
rows, work = int(sys.argv[1]), sys.argv[2]
def kv(path):
    parts = open(path).read().split()
    return {parts[i]: float(parts[i + 1]) for i in range(0, len(parts) - 1, 2)}
ours_time, sk_time = kv(f"{work}/million-time.txt"), kv(f"{work}/million-sklearn-time.txt")
figures = kv(f"{work}/million-figures.txt")
sk = open(f"{work}/million-sklearn.txt").read().split()
stages = ", ".join(f"{k[6:]} {v:.0f} s" for k, v in figures.items() if k.startswith("stage_"))
print(f"## A million documents end to end ({datetime.date.today()})\n")
print(f"{rows:,} generated English documents (MillionCorpus: AG News, BBC News and fine-food reviews sampled, words "
      "perturbed), TF-IDF (vocabulary 50,000, min_df 5, max_df 0.5) + k-means, k = 20, one fit. textcluster: "
      "submit/local.sh with its defaults (local[*], 4 GiB driver), the whole job (read, analyse, features, cluster, "
      "describe, evaluate, write Delta tables and the report). scikit-learn: read JSON Lines, TfidfVectorizer + "
      "KMeans(n_init=1), nothing written.\n")
print("| system | wall time | peak RSS | V-measure vs source label |")
print("|---|---|---|---|")
print(f"| textcluster | {ours_time['wall_s']:.0f} s | {ours_time['peak_rss_kb'] / 1024:,.0f} MiB | {figures['v_measure']:.3f} |")
print(f"| scikit-learn | {sk_time['wall_s']:.0f} s (read {sk[2]} s, TF-IDF {sk[3]} s, k-means {sk[4]} s) | "
      f"{sk_time['peak_rss_kb'] / 1024:,.0f} MiB | {float(sk[5]):.3f} |")
print(f"\nTF-IDF documents per second: textcluster {figures['documents'] / figures['stage_features']:,.0f} (the "
      f"features stage: Lucene analysis, vocabulary, IDF, vectors cached), scikit-learn "
      f"{rows / float(sk[3]):,.0f} (TfidfVectorizer.fit_transform), ratio "
      f"{(figures['documents'] / figures['stage_features']) / (rows / float(sk[3])):.2f}.")
print(f"\ntextcluster / scikit-learn wall time: {ours_time['wall_s'] / sk_time['wall_s']:.2f}. "
      f"textcluster stages: {stages}. Driver peak heap (local mode: the executors share the driver's JVM, so this "
      f"includes their cached partitions): {figures['driver_peak_heap_mb']:,.0f} MiB for {figures['documents']:,.0f} "
      f"documents. Target: under 15 minutes on 2 cores and 24 GiB ({ours_time['wall_s'] / 60:.1f} min).")
PY
