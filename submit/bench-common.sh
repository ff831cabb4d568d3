#!/usr/bin/env bash
# Sourced by the submit/bench-*.sh benchmarks: the repository root, the work folder, GNU time (for wall time and peak
# RSS), the build, the classpath that reads a run's figures back, and Spark's JVM opens.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/target/bench"
mkdir -p "$WORK"
if [[ ! -x /usr/bin/time ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
fi
(cd "$ROOT" && mvn -q -B -Dstyle.color=never package test-compile -DskipTests)
CP="$ROOT/target/textcluster-app.jar:$ROOT/target/test-classes:$(cat "$ROOT/target/provided-classpath.txt")"
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$ROOT/pom.xml")

# The first launch after a build records the launcher's class data sharing archive and takes some 20 s longer to exit
# (submit/local.sh); a measured run is a later launch, as every run after the first is. Records it with a BBC News run,
# not measured, unless the launcher already maps an archive of this build.
record_launcher_archive() {
  if ! TEXTCLUSTER_DRY_RUN=1 "$ROOT/submit/local.sh" run --config "$ROOT/conf/examples/bbc_news.conf" \
      | grep -q SharedArchiveFile; then
    echo "== recording the launcher's class data sharing archive (BBC News run, not measured)"
    rm -rf "$WORK/warmup-lake"
    "$ROOT/submit/local.sh" run --config "$ROOT/conf/examples/bbc_news.conf" \
      --set output.path="$WORK/warmup-lake" --run-id warmup > "$WORK/warmup-run.txt"
  fi
}
