#!/usr/bin/env bash
# The 2,000-document benchmark (issue 20: "a 2,000-document corpus end to end in at most 30 s with the local
# launcher"): the README's command, submit/local.sh run --config conf/examples/bbc_news.conf (2,225 BBC News articles,
# TF-IDF + k-means, k = 5, tables and report written), timed from outside the launcher, twice into fresh lakes: the
# first launch after a build also records the JVM's class data sharing archive (submit/local.sh), the second maps it,
# as every later run does. Writes wall time, CPU time, peak RSS, the load average, the run's stage seconds and its
# V-measure to BENCHMARKS.md (section "small").
#
#   submit/bench-small.sh
set -euo pipefail
# shellcheck source=bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

for launch in first later; do
  LAKE="$WORK/small-lake-$launch"
  rm -rf "$LAKE"
  echo "== textcluster, $launch launch: submit/local.sh run --config conf/examples/bbc_news.conf"
  # The load average as the run starts: the machine is shared, and the wall time says nothing without it.
  cut -d' ' -f1-3 /proc/loadavg > "$WORK/small-$launch-load.txt"
  /usr/bin/time -f "wall_s %e user_s %U sys_s %S peak_rss_kb %M" -o "$WORK/small-$launch-time.txt" \
    "$ROOT/submit/local.sh" run --config "$ROOT/conf/examples/bbc_news.conf" --set output.path="$LAKE" \
    --run-id small | tee "$WORK/small-$launch-run.txt"
  java $OPENS -Xmx1g -Dspark.master="local[1]" -Dspark.ui.enabled=false \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CP" \
    io.textcluster.bench.RunFigures "$LAKE" small 2>/dev/null > "$WORK/small-$launch-figures.txt"
done

/usr/bin/python3 - "$WORK" <<'PY' | /usr/bin/python3 "$ROOT/submit/bench_section.py" "$ROOT/BENCHMARKS.md" small
import sys, datetime
work = sys.argv[1]
def kv(path):
    parts = open(path).read().split()
    return {parts[i]: float(parts[i + 1]) for i in range(0, len(parts) - 1, 2)}
print(f"## 2,000 documents end to end with the local launcher ({datetime.date.today()})\n")
print("BBC News (2,225 articles), the README's command `submit/local.sh run --config conf/examples/bbc_news.conf` "
      "(TF-IDF + k-means, k = 5; Delta tables, model and HTML report written), wall time measured outside the "
      "launcher, JVM start and exit included. The first launch after a build also writes the class data sharing "
      "archive; every later launch maps it. Stages as the runs row records them (the report is written after it). "
      "Target: at most 30 s.\n")
print("| launch | wall time | CPU (user + sys) | peak RSS | load average (1, 5, 15 min) | V-measure | stages (s) |")
print("|---|---|---|---|---|---|---|")
for launch in ["first", "later"]:
    t = kv(f"{work}/small-{launch}-time.txt")
    f = kv(f"{work}/small-{launch}-figures.txt")
    load = open(f"{work}/small-{launch}-load.txt").read().split()
    order = ["read", "features", "cluster", "describe", "evaluate", "map", "write"]
    named = {k[6:]: v for k, v in f.items() if k.startswith("stage_")}
    stages = ", ".join(f"{k} {named[k]:.1f}" for k in sorted(named, key=lambda k: (k not in order, order.index(k) if k in order else 0, k)))
    print(f"| {launch} | {t['wall_s']:.1f} s | {t['user_s'] + t['sys_s']:.0f} s | {t['peak_rss_kb'] / 1024:,.0f} MiB "
          f"| {' '.join(load)} | {f['v_measure']:.3f} | {stages} |")
PY
