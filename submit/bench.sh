#!/usr/bin/env bash
# Benchmarks, side by side with the peers in one run (ratios matter; these machines are shared and noisy). Each part
# writes its section of BENCHMARKS.md (submit/bench_section.py keeps the others):
#   kmeans:     textcluster's DenseKMeans vs Spark MLlib KMeans (block solver) vs scikit-learn, on the set of
#               ../shared/bench/make_dense.py (200,000 x 384 unit vectors, k = 50, 20 Lloyd iterations), all three from
#               the same initial centres (MLlib's random initialisation), fit time, inertia and peak memory;
#   embeddings: documents per second of the Spark embedding path beside ONNX Runtime used directly (bench-embeddings.sh);
#   million:    a million generated documents through the whole job beside scikit-learn's TfidfVectorizer + KMeans,
#               with TF-IDF documents per second and peak memory (bench-million.sh);
#   small:      the README's BBC News run (2,225 documents) end to end with submit/local.sh, wall time against the
#               30 s target, first launch after a build and a later one (bench-small.sh);
#   scaling:    the million job (conf/bench/million.conf) at 100,000, 300,000 and 1,000,000 documents with
#               submit/local.sh, microseconds per document whole job and per stage, against the 15% spread target
#               (bench-scaling.sh; BENCH_SCALING_ROWS for other sizes, multiples of 50,000);
#   standalone: the same job on a standalone cluster of separate JVMs, submitted in client mode at 100,000 and
#               1,000,000 documents: the driver's peak heap (sampled, and after GC from its GC log) against the 1.2x
#               target (bench-standalone.sh; BENCH_STANDALONE_ROWS for other sizes);
#   heavy:      the checks tagged heavy, which CI leaves out to stay under 30 minutes on 2 cores (AG News embeddings
#               quality and cache, AG News HDBSCAN).
# Needs Debian's python3-sklearn (installed here when missing).
#
#   submit/bench.sh [kmeans] [embeddings] [million] [small] [scaling] [standalone] [heavy]     (default: all seven)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARTS="${*:-kmeans embeddings million small scaling standalone heavy}"
N="${BENCH_KMEANS_ROWS:-200000}"; D=384; K=50; ITERS=20
WORK="$ROOT/target/bench"
mkdir -p "$WORK"

if ! /usr/bin/python3 -c "import sklearn, numpy" 2>/dev/null || [[ ! -x /usr/bin/time ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn python3-numpy time
fi
# Native BLAS for Spark's netlib layer (JNIBLAS loads libblas.so.3).
if [[ ! -e /usr/lib/x86_64-linux-gnu/libblas.so.3 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0
fi
(cd "$ROOT" && mvn -q -B -Dstyle.color=never package test-compile -DskipTests)

if [[ " $PARTS " == *" kmeans "* ]]; then
  [[ -f "$WORK/X$N.f32" ]] || (cd "$WORK" && /usr/bin/python3 "$ROOT/../shared/bench/make_dense.py" "$N" "$D" "$K" .)
  # Spark runs one task per core, each calling BLAS: one BLAS thread per task avoids oversubscribing the cores.
  echo "== Spark local[*]: textcluster dense k-means and MLlib KMeans (block), $N x $D, k = $K, $ITERS iterations"
  SPARK=$(OPENBLAS_NUM_THREADS=1 /usr/bin/time -f "peak_rss_kb %M" -o "$WORK/kmeans-spark-time.txt" \
    java $(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$ROOT/pom.xml") \
    -Xmx12g -Dspark.master="local[*]" -Dspark.driver.memory=12g -Dspark.ui.enabled=false \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    -cp "$ROOT/target/textcluster-app.jar:$ROOT/target/test-classes:$(cat "$ROOT/target/provided-classpath.txt")" \
    io.textcluster.bench.DenseKMeansBenchmark "$WORK/X$N.f32" "$N" "$D" "$K" "$ITERS" "$WORK/init$N.f32" 2>/dev/null)
  echo "$SPARK"
  echo "== scikit-learn (lloyd, OpenBLAS), from the same initial centres"
  SKLEARN=$(cd "$WORK" && /usr/bin/time -f "peak_rss_kb %M" -o "$WORK/kmeans-sklearn-time.txt" \
    /usr/bin/python3 - "$N" "$K" "$ITERS" "$D" <<'PY'
import sys, time, numpy as np
from sklearn.cluster import KMeans
n, k, it, d = (int(a) for a in sys.argv[1:5])
X = np.load(f"X{n}.npy")
init = np.fromfile(f"init{n}.f32", dtype="<f4").reshape(k, d).astype(X.dtype)
t = time.time(); km = KMeans(n_clusters=k, init=init, n_init=1, max_iter=it, tol=0, algorithm="lloyd").fit(X)
print(f"scikit-learn {time.time() - t:.2f} {km.inertia_:.1f}")
PY
)
  echo "$SKLEARN"
  /usr/bin/python3 - "$N" "$SKLEARN" "$SPARK" "$WORK" <<'PY' | /usr/bin/python3 "$ROOT/submit/bench_section.py" "$ROOT/BENCHMARKS.md" kmeans
import sys, datetime
n, sk, spark, work = sys.argv[1], sys.argv[2].split(), sys.argv[3].splitlines(), sys.argv[4]
rss = lambda name: int(open(f"{work}/{name}").read().split()[1]) / 1024
blas = [l for l in spark if l.startswith("blas")][0].split()[1]
heap = float([l for l in spark if l.startswith("peak_heap_mb")][0].split()[1])
rows = {l.split()[0]: (float(l.split()[1]), float(l.split()[2])) for l in spark if len(l.split()) == 3}
rows["scikit-learn"] = (float(sk[1]), float(sk[2]))
ours = rows["textcluster-dense"][0]
print(f"## Dense k-means: {int(n):,} x 384 unit vectors (make_dense.py), k = 50, 20 Lloyd iterations ({datetime.date.today()})\n")
print(f"All three start from the same centres (MLlib's random initialisation, seed 0). Fit time only, data cached "
      f"first; one run, side by side. Spark: local[*] on 2 cores, BLAS {blas}, one BLAS thread per task.\n")
print("| system | fit time | inertia | time vs textcluster |")
print("|---|---|---|---|")
for name in ["textcluster-dense", "mllib-block", "scikit-learn"]:
    t, inertia = rows[name]
    print(f"| {name} | {t:.2f} s | {inertia:,.1f} | {t / ours:.2f}x |")
print(f"\ntextcluster / scikit-learn fit time: **{ours / rows['scikit-learn'][0]:.2f}** (target <= 1.0, issue 20); "
      f"MLlib block / textcluster: **{rows['mllib-block'][0] / ours:.1f}x** (target >= 6). Peak memory: the Spark JVM "
      f"(driver and executors in local mode, both k-means fits and the cached data) {rss('kmeans-spark-time.txt'):,.0f} "
      f"MiB RSS, {heap:,.0f} MiB peak heap; scikit-learn {rss('kmeans-sklearn-time.txt'):,.0f} MiB RSS.")
if "textcluster-dense-again" in rows:
    again = rows["textcluster-dense-again"][0]
    print(f"\nThe same textcluster fit again in the same JVM (its packing and iteration code compiled by the JIT): "
          f"{again:.2f} s, {again / rows['scikit-learn'][0]:.2f}x scikit-learn's fit time. The headline figure above is "
          f"the first fit in a fresh JVM.")
PY
fi

if [[ " $PARTS " == *" embeddings "* ]]; then
  echo "== embeddings: Spark path vs ONNX Runtime directly"
  "$ROOT/submit/bench-embeddings.sh" "${BENCH_EMBEDDING_DOCS:-2000}" | tee "$WORK/embeddings.txt"
  { echo "## Sentence embeddings ($(date +%F))"; echo; echo '```'; cat "$WORK/embeddings.txt"; echo '```'; } \
    | /usr/bin/python3 "$ROOT/submit/bench_section.py" "$ROOT/BENCHMARKS.md" embeddings >/dev/null
fi

if [[ " $PARTS " == *" million "* ]]; then
  "$ROOT/submit/bench-million.sh" "${BENCH_MILLION_ROWS:-1000000}"
fi

if [[ " $PARTS " == *" small "* ]]; then
  "$ROOT/submit/bench-small.sh"
fi

if [[ " $PARTS " == *" scaling "* ]]; then
  "$ROOT/submit/bench-scaling.sh"
fi

if [[ " $PARTS " == *" standalone "* ]]; then
  "$ROOT/submit/bench-standalone.sh"
fi

if [[ " $PARTS " == *" heavy "* ]]; then
  echo "== heavy checks: the tests tagged heavy (the embeddings part already ran EmbeddingThroughputBenchmark)"
  (cd "$ROOT" && mvn -B -Dstyle.color=never test -Dgroups=heavy -Dtest.groups.excluded=none \
    -Dtest='!EmbeddingThroughputBenchmark' -Dsurefire.failIfNoSpecifiedTests=false)
fi
