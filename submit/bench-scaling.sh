#!/usr/bin/env bash
# How the job grows with data (issue 20: "the same job at 100,000, 300,000 and 1,000,000 documents: time per document
# within 15% across the three"): conf/bench/million.conf (TF-IDF + k-means, k = 20, one fit) with the local launcher's
# defaults (submit/local.sh), on the first 2, 6 and 20 files of the generated million corpus (bench-corpus.sh: the same
# documents as a corpus generated at that size), each into a fresh lake. Wall time from outside the launcher (JVM start
# and exit included), the run's stage seconds and V-measure from its record (RunFigures), k-means iterations from its
# console line. Writes microseconds per document, whole job and per stage, and their spread (max / min - 1) across the
# sizes to BENCHMARKS.md (section "scaling").
#
#   submit/bench-scaling.sh                                  (100,000, 300,000 and 1,000,000 documents)
#   BENCH_SCALING_ROWS="50000 100000 150000" submit/bench-scaling.sh   (quick check: multiples of 50,000)
set -euo pipefail
# shellcheck source=bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
SIZES="${BENCH_SCALING_ROWS:-100000 300000 1000000}"

LARGEST=$(printf '%s\n' $SIZES | sort -n | tail -1)
"$ROOT/submit/bench-corpus.sh" "$LARGEST" --at-least

# The first launch after a build also records the launcher's class data sharing archive (seconds more at exit); it
# must not land on one size only. A BBC News run records it first when it is missing.
record_launcher_archive

for rows in $SIZES; do
  SUBSET="$("$ROOT/submit/bench-corpus.sh" --subset "$rows")"
  LAKE="$WORK/scaling-lake-$rows"
  rm -rf "$LAKE"
  echo "== textcluster, $rows documents: submit/local.sh run --config conf/bench/million.conf (default launcher settings)"
  cut -d' ' -f1-3 /proc/loadavg > "$WORK/scaling-$rows-load.txt"
  /usr/bin/time -f "wall_s %e user_s %U sys_s %S peak_rss_kb %M" -o "$WORK/scaling-$rows-time.txt" \
    "$ROOT/submit/local.sh" run --config "$ROOT/conf/bench/million.conf" --run-id "scaling-$rows" \
    --set input.path="$SUBSET" --set output.path="$LAKE" | tee "$WORK/scaling-$rows-run.txt"
  java $OPENS -Xmx2g -Dspark.master="local[1]" -Dspark.ui.enabled=false \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CP" \
    io.textcluster.bench.RunFigures "$LAKE" "scaling-$rows" 2>/dev/null > "$WORK/scaling-$rows-figures.txt"
done

/usr/bin/python3 - "$WORK" $SIZES <<'PY' | /usr/bin/python3 "$ROOT/submit/bench_section.py" "$ROOT/BENCHMARKS.md" scaling
import sys, re, datetime
work, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
def kv(path):
    parts = open(path).read().split()
    return {parts[i]: float(parts[i + 1]) for i in range(0, len(parts) - 1, 2)}
def iterations(rows):
    found = re.findall(r"\[textcluster\] cluster .*?(\d+) iterations", open(f"{work}/scaling-{rows}-run.txt").read())
    return int(found[-1])
runs = []
for rows in sizes:
    t, f = kv(f"{work}/scaling-{rows}-time.txt"), kv(f"{work}/scaling-{rows}-figures.txt")
    load = open(f"{work}/scaling-{rows}-load.txt").read().split()
    runs.append((rows, t, f, iterations(rows), load))
order = ["read", "features", "cluster", "describe", "evaluate", "map", "write"]
named = {k[6:] for _, _, f, _, _ in runs for k in f if k.startswith("stage_")}
stages = [s for s in order if s in named] + sorted(named - set(order))
us = lambda seconds, docs: seconds / docs * 1e6
spread = lambda values: max(values) / min(values) - 1 if min(values) > 0 else float("nan")
print(f"## Scaling: the same job at {', '.join(f'{r:,}' for r in sizes)} documents ({datetime.date.today()})\n")
print("conf/bench/million.conf (TF-IDF, vocabulary 50,000, min_df 5, max_df 0.5; k-means, k = 20, one fit) with "
      "submit/local.sh's defaults (local[*], 4 GiB driver), on the first files of the generated million corpus, each "
      "size into a fresh lake. Wall time measured outside the launcher (JVM start, the report and exit included); "
      "stage seconds from the run's record (the report is written after it). Microseconds (µs) per document: "
      "seconds / documents x 10^6. Iterations differ with the data, so the cluster stage is also given per "
      "iteration. One run per size, in this order.\n")
print("| documents | wall time | µs/doc (whole job) | " + " | ".join(f"{s} µs/doc" for s in stages)
      + " | k-means iterations | cluster µs/doc/iteration | V-measure | peak RSS | load average at start |")
print("|---" * (len(stages) + 8) + "|")
for rows, t, f, iters, load in runs:
    docs = f["documents"]
    cells = [f"{docs:,.0f}", f"{t['wall_s']:.1f} s", f"{us(t['wall_s'], docs):.1f}"]
    cells += [f"{us(f.get('stage_' + s, 0.0), docs):.1f}" for s in stages]
    cells += [str(iters), f"{us(f['stage_cluster'], docs) / iters:.2f}", f"{f['v_measure']:.3f}",
              f"{t['peak_rss_kb'] / 1024:,.0f} MiB", " ".join(load)]
    print("| " + " | ".join(cells) + " |")
whole = spread([us(t["wall_s"], f["documents"]) for _, t, f, _, _ in runs])
per_stage = ", ".join(
    f"{s} {spread([us(f.get('stage_' + s, 0.0), f['documents']) for _, _, f, _, _ in runs]) * 100:.0f}%" for s in stages)
per_iteration = spread([us(f["stage_cluster"], f["documents"]) / i for _, _, f, i, _ in runs])
print(f"\nSpread of µs per document across the sizes (max / min - 1): whole job **{whole * 100:.0f}%** (target <= 15%: "
      f"{'met' if whole <= 0.15 else 'not met'}); per stage: {per_stage}; cluster stage per iteration "
      f"{per_iteration * 100:.0f}%.")
# Where the spread comes from: wall time as a fixed part plus a part per document (least squares over the sizes), and
# the largest fixed part the target allows at these sizes with that part per document: from
# (F / n_min + m) <= 1.15 (F / n_max + m), F <= 0.15 m / (1 / n_min - 1.15 / n_max).
docs = [f["documents"] for _, _, f, _, _ in runs]
walls = [t["wall_s"] for _, t, _, _, _ in runs]
if len(runs) >= 2:
    mean_n, mean_t = sum(docs) / len(docs), sum(walls) / len(walls)
    slope = sum((n - mean_n) * (w - mean_t) for n, w in zip(docs, walls)) / sum((n - mean_n) ** 2 for n in docs)
    fixed = mean_t - slope * mean_n
    steps = [(walls[i + 1] - walls[i]) / (docs[i + 1] - docs[i]) * 1e6 for i in range(len(runs) - 1)]
    outside = [t["wall_s"] - sum(v for k, v in f.items() if k.startswith("stage_")) for _, t, f, _, _ in runs]
    allowed = 0.15 * slope / (1 / min(docs) - 1.15 / max(docs))
    print(f"\nWall time as a fixed part plus a part per document (least squares over the sizes): **{fixed:.1f} s** "
          f"fixed, **{slope * 1e6:.1f} µs** per document. Between consecutive sizes, µs per added document: "
          + ", ".join(f"{s:.1f}" for s in steps)
          + (f" (spread {spread(steps) * 100:.0f}%)" if len(steps) > 1 else "")
          + ". Outside the stages (JVM and Spark start, the run's lake set-up, the report, exit): "
          + ", ".join(f"{o:.1f} s" for o in outside)
          + f". With {slope * 1e6:.1f} µs per document, the 15% target at {min(docs):,.0f} and {max(docs):,.0f} "
          f"documents allows a fixed part of at most **{allowed:.1f} s**.")
PY
