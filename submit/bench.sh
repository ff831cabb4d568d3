#!/usr/bin/env bash
# Benchmarks, side by side with the peers in one run (ratios matter; these machines are shared and noisy):
#   dense k-means: textcluster's DenseKMeans vs Spark MLlib KMeans (block solver) vs scikit-learn, on the set of
#   ../shared/bench/make_dense.py (200,000 x 384 unit vectors, k = 50, 20 Lloyd iterations, random init).
# Figures go to stdout and to BENCHMARKS.md. Needs Debian's python3-sklearn (installed here when missing).
#
#   submit/bench.sh [N=200000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-200000}"; D=384; K=50; ITERS=20
WORK="$ROOT/target/bench"
mkdir -p "$WORK"

if ! /usr/bin/python3 -c "import sklearn, numpy" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn python3-numpy
fi
# Native BLAS for Spark's netlib layer (JNIBLAS loads libblas.so.3).
if [[ ! -e /usr/lib/x86_64-linux-gnu/libblas.so.3 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0
fi
[[ -f "$WORK/X$N.f32" ]] || (cd "$WORK" && /usr/bin/python3 "$ROOT/../shared/bench/make_dense.py" "$N" "$D" "$K" .)

(cd "$ROOT" && mvn -q -B -Dstyle.color=never package test-compile -DskipTests)

echo "== scikit-learn (lloyd, OpenBLAS), $N x $D, k = $K, $ITERS iterations"
SKLEARN=$(cd "$WORK" && /usr/bin/python3 - "$N" "$K" "$ITERS" <<'PY'
import sys, time, numpy as np
from sklearn.cluster import KMeans
n, k, it = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
X = np.load(f"X{n}.npy")
t = time.time(); km = KMeans(n_clusters=k, init="random", n_init=1, max_iter=it, tol=0, algorithm="lloyd", random_state=0).fit(X)
print(f"scikit-learn {time.time() - t:.2f} {km.inertia_:.1f}")
PY
)
echo "$SKLEARN"

# Spark runs one task per core, each calling BLAS: one BLAS thread per task avoids oversubscribing the cores.
echo "== Spark local[*]: textcluster dense k-means and MLlib KMeans (block)"
SPARK=$(OPENBLAS_NUM_THREADS=1 java $(tr ' ' '\n' < <(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$ROOT/pom.xml")) \
  -Xmx12g -Dspark.master="local[*]" -Dspark.driver.memory=12g -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$ROOT/target/textcluster-app.jar:$ROOT/target/test-classes:$(cat "$ROOT/target/provided-classpath.txt")" \
  io.textcluster.bench.DenseKMeansBenchmark "$WORK/X$N.f32" "$N" "$D" "$K" "$ITERS" 2>/dev/null)
echo "$SPARK"

python3 - "$N" "$SKLEARN" "$SPARK" "$ROOT/BENCHMARKS.md" <<'PY'
import sys, datetime
n, sk, spark, out = sys.argv[1], sys.argv[2].split(), sys.argv[3].splitlines(), sys.argv[4]
blas = [l for l in spark if l.startswith("blas")][0].split()[1]
rows = {l.split()[0]: (float(l.split()[1]), float(l.split()[2])) for l in spark if not l.startswith("blas")}
rows["scikit-learn"] = (float(sk[1]), float(sk[2]))
ours = rows["textcluster-dense"][0]
lines = [f"# Benchmarks (submit/bench.sh, {datetime.date.today()}, this machine: 2 cores)", "",
         f"## Dense k-means: {n} x 384 unit vectors (make_dense.py), k = 50, 20 Lloyd iterations, random init", "",
         f"Spark BLAS: {blas}. Fit time only, data cached first; one run, side by side.", "",
         "| system | fit time | inertia | time vs textcluster |", "|---|---|---|---|"]
for name in ["textcluster-dense", "mllib-block", "scikit-learn"]:
    t, inertia = rows[name]
    lines.append(f"| {name} | {t:.2f} s | {inertia:,.1f} | {t / ours:.2f}x |")
lines += ["", f"textcluster / scikit-learn fit time: {ours / rows['scikit-learn'][0]:.2f} (target <= 1.5); "
          f"MLlib block / textcluster: {rows['mllib-block'][0] / ours:.1f}x", ""]
open(out, "w").write("\n".join(lines))
print("\n".join(lines))
PY
