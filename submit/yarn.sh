#!/usr/bin/env bash
# textcluster on Hadoop YARN.
#
#   hdfs dfs -put conf/nightly.conf /apps/textcluster/
#   HADOOP_CONF_DIR=/etc/hadoop/conf SPARK_HOME=/opt/spark submit/yarn.sh \
#       --config hdfs:///apps/textcluster/nightly.conf --run-id nightly-2026-11-23 --set output.path=hdfs:///lake/reviews
#
# --deploy-mode cluster (default): the driver runs in the YARN application master, so --config must be a URI it
#   reads (hdfs://, s3a://, abfss://, gs://); input and output paths in the config must be absolute URIs too.
# --deploy-mode client: the driver runs here and reads --config from this machine (a file, or a URI).
# Resources: TEXTCLUSTER_DRIVER_MEMORY, TEXTCLUSTER_EXECUTOR_MEMORY, TEXTCLUSTER_EXECUTOR_CORES,
#   TEXTCLUSTER_EXECUTORS (fixed count; dynamic allocation is used when unset and the cluster enables it),
#   TEXTCLUSTER_QUEUE (the YARN queue). Anything else: TEXTCLUSTER_SUBMIT_ARGS. TEXTCLUSTER_DRY_RUN=1 prints the command.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPLOY_MODE=cluster
source "$HERE/cluster-arguments.sh"
[[ -n "${TEXTCLUSTER_EXECUTORS:-}" ]] && RESOURCE_ARGS+=(--num-executors "$TEXTCLUSTER_EXECUTORS")
[[ -n "${TEXTCLUSTER_QUEUE:-}" ]] && RESOURCE_ARGS+=(--queue "$TEXTCLUSTER_QUEUE")

source "$HERE/config-location.sh"
CONFIG="$(config_for_driver "$DEPLOY_MODE" "$CONFIG")" || exit 2
exec "$HERE/spark-submit.sh" --master yarn --deploy-mode "$DEPLOY_MODE" "${RESOURCE_ARGS[@]}" \
  -- run --config "$CONFIG" "${RUN_ARGS[@]}"
