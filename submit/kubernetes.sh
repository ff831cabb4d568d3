#!/usr/bin/env bash
# textcluster on Kubernetes (Spark's native Kubernetes scheduler, cluster deploy mode).
#
#   SPARK_HOME=/opt/spark TEXTCLUSTER_IMAGE=registry.example.com/textcluster:0.1 submit/kubernetes.sh \
#       --master k8s://https://kubernetes.example.com:6443 \
#       --config conf/nightly.conf --run-id nightly-2026-11-23 --set output.path=s3a://lake/reviews
#
# The image: build submit/kubernetes/Dockerfile (Spark 3.5 + Java 17, Delta Lake's jars and the application jar at
#   /opt/textcluster/textcluster-app.jar), push it, and name it in TEXTCLUSTER_IMAGE.
# The config, two ways:
#   --config FILE            (a file here) is put into a ConfigMap named textcluster-config-<run id> with kubectl,
#                            which a driver pod template (submit/kubernetes/driver-pod-template.yaml) mounts at
#                            /opt/textcluster/conf; the job reads /opt/textcluster/conf/job.conf.
#   --config local:///PATH   a file already inside the image, or on a volume you mount yourself: read as is.
#   Input and output paths in the config must be URIs the pods can reach (s3a://, abfss://, gs://, hdfs://).
# Settings: TEXTCLUSTER_NAMESPACE (default default), TEXTCLUSTER_SERVICE_ACCOUNT (default spark: it needs the rights
#   to create executor pods), TEXTCLUSTER_EXECUTORS (default 2), TEXTCLUSTER_DRIVER_MEMORY, TEXTCLUSTER_EXECUTOR_MEMORY,
#   TEXTCLUSTER_EXECUTOR_CORES, TEXTCLUSTER_SUBMIT_ARGS. Credentials for the object store come from the service
#   account (IRSA, workload identity) or a Kubernetes secret you reference in TEXTCLUSTER_SUBMIT_ARGS, e.g.
#   "--conf spark.kubernetes.driver.secretKeyRef.AWS_ACCESS_KEY_ID=lake-creds:key": never put them in the config.
# TEXTCLUSTER_DRY_RUN=1 prints the kubectl and spark-submit commands instead of running them.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPLOY_MODE=cluster
source "$HERE/cluster-arguments.sh"
[[ "$MASTER" == k8s://* ]] || { echo "kubernetes.sh: --master k8s://https://HOST:PORT is required" >&2; exit 2; }
: "${TEXTCLUSTER_IMAGE:?set TEXTCLUSTER_IMAGE to the image built from submit/kubernetes/Dockerfile}"
NAMESPACE="${TEXTCLUSTER_NAMESPACE:-default}"
DRY_RUN="${TEXTCLUSTER_DRY_RUN:-0}"

# The run id names the ConfigMap, so concurrent runs do not overwrite each other's config.
RUN_ID=""
for ((i = 0; i < ${#RUN_ARGS[@]}; i++)); do
  [[ "${RUN_ARGS[$i]}" == --run-id ]] && RUN_ID="${RUN_ARGS[$((i + 1))]:-}"
done

K8S_ARGS=(
  --conf "spark.kubernetes.namespace=$NAMESPACE"
  --conf "spark.kubernetes.container.image=$TEXTCLUSTER_IMAGE"
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=${TEXTCLUSTER_SERVICE_ACCOUNT:-spark}"
  --conf "spark.executor.instances=${TEXTCLUSTER_EXECUTORS:-2}"
)

if [[ "$CONFIG" == local://* ]]; then
  CONFIG="${CONFIG#local://}"
else
  [[ -f "$CONFIG" ]] || { echo "kubernetes.sh: the config file '$CONFIG' does not exist" >&2; exit 2; }
  CONFIG_MAP="textcluster-config-$(echo "${RUN_ID:-$(date -u +%Y%m%d-%H%M%S)}" | tr '[:upper:]_.' '[:lower:]--')"
  TEMPLATE="$(mktemp -t textcluster-driver-XXXXXX.yaml)"
  sed "s/TEXTCLUSTER_CONFIG_MAP/$CONFIG_MAP/" "$HERE/kubernetes/driver-pod-template.yaml" > "$TEMPLATE"
  CREATE=(kubectl -n "$NAMESPACE" create configmap "$CONFIG_MAP" --from-file="job.conf=$CONFIG"
    --dry-run=client -o yaml)
  if [[ "$DRY_RUN" == 1 ]]; then
    echo "${CREATE[*]} | kubectl apply -f -"
  else
    "${CREATE[@]}" | kubectl apply -f -
  fi
  K8S_ARGS+=(--conf "spark.kubernetes.driver.podTemplateFile=$TEMPLATE")
  CONFIG=/opt/textcluster/conf/job.conf
fi

export TEXTCLUSTER_JAR="${TEXTCLUSTER_JAR:-local:///opt/textcluster/textcluster-app.jar}"
# Delta's jars are in the image: no --packages, which would need Maven Central from inside the cluster.
export TEXTCLUSTER_DELTA_PACKAGE="${TEXTCLUSTER_DELTA_PACKAGE:-none}"
exec "$HERE/spark-submit.sh" --master "$MASTER" --deploy-mode "$DEPLOY_MODE" "${K8S_ARGS[@]}" "${RESOURCE_ARGS[@]}" \
  -- run --config "$CONFIG" "${RUN_ARGS[@]}"
