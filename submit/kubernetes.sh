#!/usr/bin/env bash
# textcluster on Kubernetes (Spark's native Kubernetes scheduler).
#
#   kubectl apply -f submit/kubernetes/rbac.yaml        # once: namespace textcluster, service account, its rights
#   SPARK_HOME=/opt/spark TEXTCLUSTER_IMAGE=registry.example.com/textcluster:0.1 submit/kubernetes.sh \
#       --master k8s://https://kubernetes.example.com:6443 \
#       --config s3a://textcluster-lake/conf/nightly.conf --run-id nightly-2026-11-23
#
# The image: build submit/kubernetes/Dockerfile (Spark 3.5 + Java 17, Delta Lake, the S3A/ABFS/GCS connectors and the
#   application jar at /opt/textcluster/textcluster-app.jar), push it, and name it in TEXTCLUSTER_IMAGE.
# --deploy-mode cluster (default): the driver runs in a pod. The config, two ways:
#   --config URI             (s3a://, abfss://, gs://, hdfs://) read by the driver pod as is. Nothing to clean up.
#   --config FILE            a file here: put into a ConfigMap textcluster-config-<run id>, mounted by the driver pod
#                            template (submit/kubernetes/driver-pod-template.yaml) at /opt/textcluster/conf/job.conf.
#                            spark-submit waits for the driver to finish, then this script deletes the ConfigMap and
#                            the template, also when it fails or is interrupted.
#   --config local:///PATH   a file already inside the image, or on a volume you mount yourself.
# --deploy-mode client: the driver runs here (e.g. in an Airflow worker pod) and reads --config from this machine.
# Input and output paths in the config must be URIs the pods reach (s3a://, abfss://, gs://, hdfs://).
# Settings: TEXTCLUSTER_NAMESPACE (default textcluster), TEXTCLUSTER_SERVICE_ACCOUNT (default textcluster-spark; both
#   as in rbac.yaml), TEXTCLUSTER_EXECUTORS (default 2), TEXTCLUSTER_DRIVER_MEMORY, TEXTCLUSTER_EXECUTOR_MEMORY,
#   TEXTCLUSTER_EXECUTOR_CORES, TEXTCLUSTER_SUBMIT_ARGS. Object-store credentials come from the service account
#   (IRSA, workload identity: the S3A provider is the AWS SDK's default chain) or a Kubernetes secret referenced in
#   TEXTCLUSTER_SUBMIT_ARGS, e.g. "--conf spark.kubernetes.driver.secretKeyRef.AWS_ACCESS_KEY_ID=lake-creds:key".
# TEXTCLUSTER_DRY_RUN=1 prints the kubectl and spark-submit commands instead of running them.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPLOY_MODE=cluster
source "$HERE/cluster-arguments.sh"
source "$HERE/config-location.sh"
[[ "$MASTER" == k8s://* ]] || { echo "kubernetes.sh: --master k8s://https://HOST:PORT is required" >&2; exit 2; }
: "${TEXTCLUSTER_IMAGE:?set TEXTCLUSTER_IMAGE to the image built from submit/kubernetes/Dockerfile}"
NAMESPACE="${TEXTCLUSTER_NAMESPACE:-textcluster}"
DRY_RUN="${TEXTCLUSTER_DRY_RUN:-0}"
MOUNTED_CONFIG=file:///opt/textcluster/conf/job.conf

# The run id names the ConfigMap, so concurrent runs do not overwrite each other's config.
RUN_ID=""
for ((i = 0; i < ${#RUN_ARGS[@]}; i++)); do
  [[ "${RUN_ARGS[$i]}" == --run-id ]] && RUN_ID="${RUN_ARGS[$((i + 1))]:-}"
done

K8S_ARGS=(
  --conf "spark.kubernetes.namespace=$NAMESPACE"
  --conf "spark.kubernetes.container.image=$TEXTCLUSTER_IMAGE"
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=${TEXTCLUSTER_SERVICE_ACCOUNT:-textcluster-spark}"
  --conf "spark.executor.instances=${TEXTCLUSTER_EXECUTORS:-2}"
  --conf spark.hadoop.fs.s3a.aws.credentials.provider=com.amazonaws.auth.DefaultAWSCredentialsProviderChain
)

run() {
  if [[ "$DRY_RUN" == 1 ]]; then echo "$*"; else "$@"; fi
}

if [[ "$CONFIG" == local://* ]]; then
  # Spark's local:// means "on the node's own disk": for the driver that is a plain file URI.
  CONFIG="file://${CONFIG#local://}"
elif [[ "$DEPLOY_MODE" == cluster && ! "$CONFIG" =~ ^[A-Za-z][A-Za-z0-9+.-]+: ]]; then
  [[ -f "$CONFIG" ]] || { echo "kubernetes.sh: the config file '$CONFIG' does not exist" >&2; exit 2; }
  CONFIG_MAP="textcluster-config-$(echo "${RUN_ID:-$(date -u +%Y%m%d-%H%M%S)}" | tr '[:upper:]_.' '[:lower:]--')"
  TEMPLATE="$(mktemp -t textcluster-driver-XXXXXX.yaml)"
  cleanup() {
    run kubectl -n "$NAMESPACE" delete configmap "$CONFIG_MAP" --ignore-not-found
    rm -f "$TEMPLATE"
  }
  trap cleanup EXIT
  sed "s/TEXTCLUSTER_CONFIG_MAP/$CONFIG_MAP/" "$HERE/kubernetes/driver-pod-template.yaml" > "$TEMPLATE"
  CREATE=(kubectl -n "$NAMESPACE" create configmap "$CONFIG_MAP" --from-file="job.conf=$CONFIG"
    --dry-run=client -o yaml)
  if [[ "$DRY_RUN" == 1 ]]; then
    echo "${CREATE[*]} | kubectl apply -f -"
  else
    "${CREATE[@]}" | kubectl apply -f -
  fi
  # spark-submit returns only when the driver has finished, so the ConfigMap is deleted after the driver read it.
  K8S_ARGS+=(--conf "spark.kubernetes.driver.podTemplateFile=$TEMPLATE"
    --conf spark.kubernetes.submission.waitAppCompletion=true)
  CONFIG="$MOUNTED_CONFIG"
else
  CONFIG="$(config_for_driver "$DEPLOY_MODE" "$CONFIG")" || exit 2
fi

export TEXTCLUSTER_JAR="${TEXTCLUSTER_JAR:-local:///opt/textcluster/textcluster-app.jar}"
# Delta's jars are in the image: no --packages, which would need Maven Central from inside the cluster.
export TEXTCLUSTER_DELTA_PACKAGE="${TEXTCLUSTER_DELTA_PACKAGE:-none}"
# Not exec: the EXIT trap above must run after spark-submit.
"$HERE/spark-submit.sh" --master "$MASTER" --deploy-mode "$DEPLOY_MODE" "${K8S_ARGS[@]}" "${RESOURCE_ARGS[@]}" \
  -- run --config "$CONFIG" "${RUN_ARGS[@]}"
