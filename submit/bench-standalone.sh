#!/usr/bin/env bash
# The driver's memory when the executors are separate JVMs (issue 20: "on the standalone cluster ... the driver's peak
# heap at 1,000,000 documents at most 1.2x its peak at 100,000"): a Spark standalone cluster on 127.0.0.1 (a master
# and one worker, each its own JVM, as StandaloneClusterIT starts them; one executor with the worker's 2 cores and
# 10 GiB), conf/bench/million.conf submitted with Spark's own submit entry point in client mode, the driver a JVM of
# its own with a fixed heap (-Xmx2g) and a GC log, on the first 2 and 20 files of the generated million corpus
# (bench-corpus.sh), each into a fresh lake (io.textcluster.bench.StandaloneBenchmark). The driver's peak heap two
# ways: the run's own driver_peak_heap_mb (DriverMemory: heap in use sampled every 100 ms, garbage included) and the
# largest heap occupancy right after a GC in the driver's GC log (what survived a collection: the live set, plus any
# old-generation garbage a young collection leaves). Writes both, their ratio largest / smallest size and wall time
# to BENCHMARKS.md (section "standalone"). The cluster is stopped at the end, also on failure or interrupt.
#
#   submit/bench-standalone.sh                                        (100,000 and 1,000,000 documents)
#   BENCH_STANDALONE_ROWS="50000 100000" BENCH_STANDALONE_EXECUTOR_MEMORY=3g submit/bench-standalone.sh   (quick)
# Also BENCH_STANDALONE_DRIVER_MEMORY (default 2g) and BENCH_STANDALONE_CORES (the worker's cores, default 2).
set -euo pipefail
# shellcheck source=bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
SIZES="${BENCH_STANDALONE_ROWS:-100000 1000000}"
DRIVER_MEMORY="${BENCH_STANDALONE_DRIVER_MEMORY:-2g}"
EXECUTOR_MEMORY="${BENCH_STANDALONE_EXECUTOR_MEMORY:-10g}"
CORES="${BENCH_STANDALONE_CORES:-2}"
RUNS="$WORK/standalone"

LARGEST=$(printf '%s\n' $SIZES | sort -n | tail -1)
"$ROOT/submit/bench-corpus.sh" "$LARGEST" --at-least
SUBMISSIONS=()
for rows in $SIZES; do
  SUBMISSIONS+=("standalone-$rows=$("$ROOT/submit/bench-corpus.sh" --subset "$rows")")
done

rm -rf "$RUNS"
mkdir -p "$RUNS"
# The benchmark, the cluster's daemons, executors and drivers form one process group of their own: whatever way this
# script ends, the whole group is stopped (TERM, then KILL for anything still there).
setsid java $OPENS -Xmx256m -cp "$CP" \
  -Dtextcluster.appJar="$ROOT/target/textcluster-app.jar" \
  -Dtextcluster.providedClasspath="$ROOT/target/provided-classpath.txt" \
  -Dtextcluster.javaOpens="$OPENS" \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  io.textcluster.bench.StandaloneBenchmark "$RUNS" "$ROOT/conf/bench/million.conf" \
  "$DRIVER_MEMORY" "$EXECUTOR_MEMORY" "$CORES" "${SUBMISSIONS[@]}" &
GROUP=$!
stop_cluster() {
  if kill -0 -- "-$GROUP" 2>/dev/null; then
    kill -TERM -- "-$GROUP" 2>/dev/null || true
    sleep 5
    kill -KILL -- "-$GROUP" 2>/dev/null || true
  fi
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM
wait "$GROUP"

for rows in $SIZES; do
  java $OPENS -Xmx2g -Dspark.master="local[1]" -Dspark.ui.enabled=false \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CP" \
    io.textcluster.bench.RunFigures "$RUNS/standalone-$rows-lake" "standalone-$rows" 2>/dev/null \
    > "$RUNS/standalone-$rows-figures.txt"
done

/usr/bin/python3 - "$RUNS" "$DRIVER_MEMORY" "$EXECUTOR_MEMORY" "$CORES" $SIZES <<'PY' | /usr/bin/python3 "$ROOT/submit/bench_section.py" "$ROOT/BENCHMARKS.md" standalone
import sys, re, datetime
runs, driver, executor, cores = sys.argv[1:5]
sizes = sorted(int(s) for s in sys.argv[5:])
def kv(path):
    parts = open(path).read().split()
    return {parts[i]: float(parts[i + 1]) for i in range(0, len(parts) - 1, 2)}
MIB = {"K": 1 / 1024, "M": 1, "G": 1024}
def after_gc(rows):
    # Unified logging at gc=info: "GC(7) Pause Young (Normal) (G1 Evacuation Pause) 512M->96M(1024M) 12.3ms".
    pauses = re.findall(r"(\d+(?:\.\d+)?)([KMG])->(\d+(?:\.\d+)?)([KMG])\(", open(f"{runs}/standalone-{rows}-gc.log").read())
    return max((float(a) * MIB[u] for _, _, a, u in pauses), default=float("nan")), len(pauses)
table = []
for rows in sizes:
    t, f = kv(f"{runs}/standalone-{rows}-time.txt"), kv(f"{runs}/standalone-{rows}-figures.txt")
    live, count = after_gc(rows)
    table.append((rows, t, f, live, count))
print(f"## Driver memory on a standalone cluster: {', '.join(f'{r:,}' for r in sizes)} documents ({datetime.date.today()})\n")
print(f"conf/bench/million.conf (TF-IDF + k-means, k = 20, one fit) on the first files of the generated million "
      f"corpus, submitted with Spark's submit entry point in client mode to a standalone cluster on 127.0.0.1: a "
      f"master and one worker in JVMs of their own, one executor JVM with {cores} cores and {executor}; the driver in "
      f"its own JVM with -Xmx{driver}. Driver peak heap two ways: the run's driver_peak_heap_mb (heap in use sampled "
      f"every 100 ms, garbage included, so it tends towards whatever the heap size allows) and the largest heap "
      f"occupancy right after a GC pause in the driver's GC log (what survived a collection: the live set, plus any "
      f"old-generation garbage a young collection leaves in place). Wall time and RSS of the driver JVM (spark-submit "
      f"to exit).\n")
print("| documents | driver wall time | driver_peak_heap_mb (sampled) | largest heap after a GC | GC pauses | driver peak RSS | V-measure |")
print("|---|---|---|---|---|---|---|")
for rows, t, f, live, count in table:
    print(f"| {f['documents']:,.0f} | {t['wall_s']:.0f} s | {f['driver_peak_heap_mb']:,.0f} MiB | {live:,.0f} MiB "
          f"| {count} | {t['peak_rss_kb'] / 1024:,.0f} MiB | {f['v_measure']:.3f} |")
(small, _, fs, ls, _), (large, _, fl, ll, _) = table[0], table[-1]
sampled, live = fl["driver_peak_heap_mb"] / fs["driver_peak_heap_mb"], ll / ls
verdict = lambda r: "met" if r <= 1.2 else "not met"
print(f"\nDriver peak heap at {large:,} / at {small:,} documents: driver_peak_heap_mb **{sampled:.2f}x**, largest heap "
      f"after a GC **{live:.2f}x** (target <= 1.2x: {verdict(sampled)} / {verdict(live)}).")
PY
