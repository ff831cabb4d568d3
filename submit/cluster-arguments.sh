# Sourced by standalone.sh, yarn.sh and kubernetes.sh: splits their command line into what spark-submit needs
# (--master, --deploy-mode) and the config file, and keeps everything else for `textcluster run`
# (--run-id, --set key=value ...). Sets MASTER, DEPLOY_MODE, CONFIG and RUN_ARGS.
MASTER="${MASTER:-}"
DEPLOY_MODE="${DEPLOY_MODE:-}"
CONFIG=""
RUN_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) MASTER="$2"; shift 2 ;;
    --deploy-mode) DEPLOY_MODE="$2"; shift 2 ;;
    --config) CONFIG="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) RUN_ARGS+=("$1"); shift ;;
  esac
done
if [[ -z "$CONFIG" ]]; then
  echo "$(basename "$0"): --config FILE or URI is required (the job's HOCON config); see --help" >&2
  exit 2
fi
case "$DEPLOY_MODE" in
  client|cluster) ;;
  *) echo "$(basename "$0"): --deploy-mode must be client or cluster, not '$DEPLOY_MODE'" >&2; exit 2 ;;
esac

# Executor resources; each is passed only when set, so the cluster's defaults apply otherwise.
RESOURCE_ARGS=()
[[ -n "${TEXTCLUSTER_DRIVER_MEMORY:-}" ]] && RESOURCE_ARGS+=(--driver-memory "$TEXTCLUSTER_DRIVER_MEMORY")
[[ -n "${TEXTCLUSTER_EXECUTOR_MEMORY:-}" ]] && RESOURCE_ARGS+=(--executor-memory "$TEXTCLUSTER_EXECUTOR_MEMORY")
[[ -n "${TEXTCLUSTER_EXECUTOR_CORES:-}" ]] && RESOURCE_ARGS+=(--executor-cores "$TEXTCLUSTER_EXECUTOR_CORES")
# Extra spark-submit flags, split on spaces, e.g. "--queue nightly --conf spark.sql.shuffle.partitions=400".
# shellcheck disable=SC2206
[[ -n "${TEXTCLUSTER_SUBMIT_ARGS:-}" ]] && RESOURCE_ARGS+=(${TEXTCLUSTER_SUBMIT_ARGS})
true
