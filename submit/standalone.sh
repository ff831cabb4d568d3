#!/usr/bin/env bash
# textcluster on a Spark standalone cluster (spark://host:7077).
#
#   SPARK_HOME=/opt/spark submit/standalone.sh --master spark://master:7077 \
#       --config conf/examples/bbc_news.conf --run-id nightly --set output.path=hdfs:///lake/bbc_news
#   SPARK_HOME=/opt/spark TEXTCLUSTER_JAR=hdfs:///apps/textcluster-app.jar submit/standalone.sh \
#       --master spark://master:7077 --deploy-mode cluster --config s3a://textcluster-lake/conf/nightly.conf
#
# --deploy-mode client (default): the driver runs here and reads --config from this machine (a file, or a URI);
#   input paths in the config are taken relative to the config's folder, so a shared lake needs absolute URIs.
# --deploy-mode cluster: the driver runs on a worker, so --config must be a URI the worker reads (hdfs://, s3a://,
#   abfss://, gs://, or file:///PATH on a mount every worker has), and TEXTCLUSTER_JAR a URL every worker can read.
# Resources: TEXTCLUSTER_DRIVER_MEMORY, TEXTCLUSTER_EXECUTOR_MEMORY, TEXTCLUSTER_EXECUTOR_CORES,
#   TEXTCLUSTER_TOTAL_CORES (--total-executor-cores: standalone's cap on the cores one application takes).
# Anything else for spark-submit: TEXTCLUSTER_SUBMIT_ARGS. TEXTCLUSTER_DRY_RUN=1 prints the command.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPLOY_MODE=client
source "$HERE/cluster-arguments.sh"
[[ "$MASTER" == spark://* ]] || { echo "standalone.sh: --master spark://HOST:PORT is required" >&2; exit 2; }
[[ -n "${TEXTCLUSTER_TOTAL_CORES:-}" ]] && RESOURCE_ARGS+=(--total-executor-cores "$TEXTCLUSTER_TOTAL_CORES")

source "$HERE/config-location.sh"
CONFIG="$(config_for_driver "$DEPLOY_MODE" "$CONFIG")" || exit 2
exec "$HERE/spark-submit.sh" --master "$MASTER" --deploy-mode "$DEPLOY_MODE" "${RESOURCE_ARGS[@]}" \
  -- run --config "$CONFIG" "${RUN_ARGS[@]}"
