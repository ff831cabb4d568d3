#!/usr/bin/env bash
# textcluster through spark-submit, on any cluster manager. The cluster provides Spark; Delta Lake comes from
# --packages (or put delta-spark_2.12-3.3.2.jar and delta-storage-3.3.2.jar on the cluster's classpath instead).
#
#   SPARK_HOME=/opt/spark submit/spark-submit.sh --master spark://host:7077 -- \
#       run --config /shared/conf/reviews.conf --run-id nightly-2026-11-23
#
# Arguments before "--" go to spark-submit (master, deploy mode, memory, --files ...); those after it go to textcluster.
# In cluster deploy mode, ship the config with --files and name it by its base name.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/textcluster-app.jar"
: "${SPARK_HOME:?set SPARK_HOME to the Spark 3.5 installation that provides spark-submit}"

SUBMIT_ARGS=()
while [[ $# -gt 0 && "$1" != "--" ]]; do SUBMIT_ARGS+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift

if [[ ! -f "$JAR" ]]; then
  (cd "$ROOT" && mvn -q -B package -DskipTests)
fi

exec "$SPARK_HOME/bin/spark-submit" \
  --class io.textcluster.cli.TextClusterCli \
  --packages "${TEXTCLUSTER_DELTA_PACKAGE:-io.delta:delta-spark_2.12:3.3.2}" \
  --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension \
  --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog \
  "${SUBMIT_ARGS[@]}" \
  "$JAR" "$@"
