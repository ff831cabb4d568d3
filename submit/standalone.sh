#!/usr/bin/env bash
# textcluster on a Spark standalone cluster (spark://host:7077).
#
#   SPARK_HOME=/opt/spark submit/standalone.sh --master spark://master:7077 \
#       --config conf/examples/bbc_news.conf --run-id nightly --set output.path=hdfs:///lake/bbc_news
#
# --deploy-mode client (default): the driver runs here and reads --config from this machine; input paths in the
#   config are taken relative to the config's folder, so a shared lake needs absolute URIs (hdfs://, s3a://, ...).
# --deploy-mode cluster: the driver runs on a worker. The standalone master does not ship --files to the driver, so
#   the config path must exist on every worker (a shared mount such as NFS), and TEXTCLUSTER_JAR must be a URL every
#   worker can read (hdfs://..., https://...).
# Resources: TEXTCLUSTER_DRIVER_MEMORY, TEXTCLUSTER_EXECUTOR_MEMORY, TEXTCLUSTER_EXECUTOR_CORES,
#   TEXTCLUSTER_TOTAL_CORES (--total-executor-cores: standalone's cap on the cores one application takes).
# Anything else for spark-submit: TEXTCLUSTER_SUBMIT_ARGS. TEXTCLUSTER_DRY_RUN=1 prints the command.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPLOY_MODE=client
source "$HERE/cluster-arguments.sh"
[[ "$MASTER" == spark://* ]] || { echo "standalone.sh: --master spark://HOST:PORT is required" >&2; exit 2; }
[[ -n "${TEXTCLUSTER_TOTAL_CORES:-}" ]] && RESOURCE_ARGS+=(--total-executor-cores "$TEXTCLUSTER_TOTAL_CORES")

if [[ "$DEPLOY_MODE" == client ]]; then
  CONFIG="$(realpath "$CONFIG")"
fi
exec "$HERE/spark-submit.sh" --master "$MASTER" --deploy-mode "$DEPLOY_MODE" "${RESOURCE_ARGS[@]}" \
  -- run --config "$CONFIG" "${RUN_ARGS[@]}"
