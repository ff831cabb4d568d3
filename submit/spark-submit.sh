#!/usr/bin/env bash
# textcluster through spark-submit, on any cluster manager. The cluster provides Spark; Delta Lake comes from
# --packages (or put delta-spark_2.12-3.3.2.jar and delta-storage-3.3.2.jar on the cluster's classpath instead).
#
#   SPARK_HOME=/opt/spark submit/spark-submit.sh --master spark://host:7077 -- \
#       run --config /shared/conf/reviews.conf --run-id nightly-2026-11-23
#
# Arguments before "--" go to spark-submit (master, deploy mode, memory, --conf ...); those after it go to textcluster.
# --config is checked against the deploy mode (submit/config-location.sh): in client mode a file here is passed as an
# absolute path; in cluster mode it must be a URI the driver reads (hdfs://, s3a://, abfss://, gs://, dbfs:/, file:///).
# submit/standalone.sh, submit/yarn.sh and submit/kubernetes.sh build these arguments for each cluster manager.
#   TEXTCLUSTER_JAR      the application jar to submit (default target/textcluster-app.jar, built when missing); in
#                        cluster deploy mode on standalone or Kubernetes it must be a URL every node can read
#                        (hdfs://, s3a://, https://, or local:// for a jar baked into the image)
#   TEXTCLUSTER_DRY_RUN  when 1, print the spark-submit command, one argument a line, instead of running it
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${TEXTCLUSTER_JAR:-$ROOT/target/textcluster-app.jar}"
DRY_RUN="${TEXTCLUSTER_DRY_RUN:-0}"
[[ "$DRY_RUN" == 1 ]] && SPARK_HOME="${SPARK_HOME:-\$SPARK_HOME}"
: "${SPARK_HOME:?set SPARK_HOME to the Spark 3.5 installation that provides spark-submit}"

source "$ROOT/submit/config-location.sh"

SUBMIT_ARGS=()
DEPLOY_MODE=client  # spark-submit's own default
while [[ $# -gt 0 && "$1" != "--" ]]; do
  [[ "$1" == --deploy-mode ]] && DEPLOY_MODE="${2:-}"
  [[ "$1" == --deploy-mode=* ]] && DEPLOY_MODE="${1#--deploy-mode=}"
  SUBMIT_ARGS+=("$1"); shift
done
[[ "${1:-}" == "--" ]] && shift

APP_ARGS=()
while [[ $# -gt 0 ]]; do
  if [[ "$1" == --config && $# -ge 2 ]]; then
    CONFIG="$(config_for_driver "$DEPLOY_MODE" "$2")" || exit 2
    APP_ARGS+=(--config "$CONFIG")
    shift 2
  else
    APP_ARGS+=("$1"); shift
  fi
done

if [[ "$DRY_RUN" != 1 && -z "${TEXTCLUSTER_JAR:-}" && ! -f "$JAR" ]]; then
  (cd "$ROOT" && mvn -q -B package -DskipTests)
fi

# TEXTCLUSTER_DELTA_PACKAGE=none where Delta's jars are already on the cluster (an image, Databricks, no internet).
DELTA_PACKAGE="${TEXTCLUSTER_DELTA_PACKAGE:-io.delta:delta-spark_2.12:3.3.2}"
PACKAGES=()
[[ "$DELTA_PACKAGE" != none ]] && PACKAGES=(--packages "$DELTA_PACKAGE")

COMMAND=("$SPARK_HOME/bin/spark-submit" \
  --class io.textcluster.cli.TextClusterCli \
  "${PACKAGES[@]}" \
  --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension \
  --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog \
  "${SUBMIT_ARGS[@]}" \
  "$JAR" "${APP_ARGS[@]}")
if [[ "$DRY_RUN" == 1 ]]; then
  printf '%s\n' "${COMMAND[@]}"
  exit 0
fi
exec "${COMMAND[@]}"
