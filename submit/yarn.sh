#!/usr/bin/env bash
# textcluster on Hadoop YARN.
#
#   HADOOP_CONF_DIR=/etc/hadoop/conf SPARK_HOME=/opt/spark submit/yarn.sh \
#       --config conf/nightly.conf --run-id nightly-2026-11-23 --set output.path=hdfs:///lake/reviews
#
# --deploy-mode cluster (default): the driver runs in the YARN application master. The config goes with
#   --files and YARN puts it in the driver container's working folder, so the job reads it by its base name; input
#   and output paths in it must therefore be absolute URIs (hdfs://, s3a://, abfss://), not paths on this machine.
# --deploy-mode client: the driver runs here and reads --config from this machine.
# Resources: TEXTCLUSTER_DRIVER_MEMORY, TEXTCLUSTER_EXECUTOR_MEMORY, TEXTCLUSTER_EXECUTOR_CORES,
#   TEXTCLUSTER_EXECUTORS (fixed count; dynamic allocation is used when unset and the cluster enables it),
#   TEXTCLUSTER_QUEUE (the YARN queue). Anything else: TEXTCLUSTER_SUBMIT_ARGS. TEXTCLUSTER_DRY_RUN=1 prints the command.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPLOY_MODE=cluster
source "$HERE/cluster-arguments.sh"
[[ -n "${TEXTCLUSTER_EXECUTORS:-}" ]] && RESOURCE_ARGS+=(--num-executors "$TEXTCLUSTER_EXECUTORS")
[[ -n "${TEXTCLUSTER_QUEUE:-}" ]] && RESOURCE_ARGS+=(--queue "$TEXTCLUSTER_QUEUE")
[[ -f "$CONFIG" ]] || { echo "yarn.sh: the config file '$CONFIG' does not exist" >&2; exit 2; }

if [[ "$DEPLOY_MODE" == cluster ]]; then
  RESOURCE_ARGS+=(--files "$(realpath "$CONFIG")")
  CONFIG="$(basename "$CONFIG")"
else
  CONFIG="$(realpath "$CONFIG")"
fi
exec "$HERE/spark-submit.sh" --master yarn --deploy-mode "$DEPLOY_MODE" "${RESOURCE_ARGS[@]}" \
  -- run --config "$CONFIG" "${RUN_ARGS[@]}"
