"""Airflow DAG: cluster a corpus nightly with spark-submit, then fail the DAG run if the run failed or was empty.

Needs apache-airflow-providers-apache-spark and a Spark connection (Admin > Connections, id ``spark_textcluster``)
whose host is the master (``yarn``, ``spark://host:7077`` or ``k8s://https://host:6443``); the worker running the
task needs ``spark-submit`` on its PATH (or ``spark_binary``). Works on Airflow 3 (``airflow.sdk``) and 2.9+.

Airflow Variables, read when a task runs (Jinja templates), never when the scheduler parses this file:

- ``textcluster_jar``: the application jar (``mvn package`` builds ``target/textcluster-app.jar``) at a URL the
  cluster reads: ``hdfs://``, ``s3a://``, ``https://``, or ``local:///opt/textcluster/textcluster-app.jar`` in the
  image of submit/kubernetes/Dockerfile.
- ``textcluster_config``: the job's HOCON config (conf/nightly.conf) by URI (``s3a://``, ``hdfs://``, ``abfss://``,
  ``gs://``). The driver reads it itself, so client and cluster mode both work; nothing is shipped with ``files=``.
- ``textcluster_lake``: the config's output.path, where the check task reads the ``runs`` table.
- ``textcluster_packages``: Maven coordinates for ``--packages`` (Delta Lake by default); set it to an empty string
  where Delta's jars are already on the cluster (the Kubernetes image, Databricks, no internet).

No secrets here: the object store's credentials belong to the cluster (instance roles, IRSA, Hadoop credential
providers) or to the Spark connection's extras.
"""
from __future__ import annotations

from datetime import datetime, timedelta

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2.9 to 2.11
    from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# cluster: the driver runs on the cluster (YARN, standalone, Kubernetes); client: on the Airflow worker. Both read the
# config by URI. deploy_mode is not a templated field, so it is set here, explicitly, over the connection's extras.
DEPLOY_MODE = "cluster"

JAR = "{{ var.value.get('textcluster_jar', 'hdfs:///apps/textcluster/textcluster-app.jar') }}"
CONFIG = "{{ var.value.get('textcluster_config', 's3a://textcluster-lake/conf/nightly.conf') }}"
LAKE = "{{ var.value.get('textcluster_lake', 's3a://textcluster-lake/nightly') }}"
PACKAGES = "{{ var.value.get('textcluster_packages', 'io.delta:delta-spark_2.12:3.3.2') }}"
# Airflow's run_id holds ':' and '+', which the lake's run ids do not allow (letters, digits, '_', '-', '.').
RUN_ID = "{{ dag.dag_id }}-{{ run_id | replace(':', '') | replace('+', '') }}"

# What submit/spark-submit.sh adds for every cluster manager: Delta Lake's session extension and catalog.
SPARK_CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
}

with DAG(
    dag_id="textcluster_nightly",
    description="textcluster run with spark-submit, then check its row in the runs table",
    schedule="0 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "data-platform",
        "retries": 0,  # a failed run is recorded in the runs table; re-running the same run id replaces its rows
        "execution_timeout": timedelta(hours=4),
    },
    tags=["textcluster"],
) as dag:
    cluster_corpus = SparkSubmitOperator(
        task_id="cluster_corpus",
        conn_id="spark_textcluster",
        deploy_mode=DEPLOY_MODE,
        application=JAR,
        java_class="io.textcluster.cli.TextClusterCli",
        packages=PACKAGES,
        conf=SPARK_CONF,
        application_args=["run", "--config", CONFIG, "--run-id", RUN_ID],
        name="textcluster-run",
        verbose=False,
    )

    # `textcluster check` exits 1 when the run failed, is still marked running, or clustered 0 documents, so
    # spark-submit fails and with it this task and the DAG run.
    check_run = SparkSubmitOperator(
        task_id="check_run",
        conn_id="spark_textcluster",
        deploy_mode=DEPLOY_MODE,
        application=JAR,
        java_class="io.textcluster.cli.TextClusterCli",
        packages=PACKAGES,
        conf=SPARK_CONF,
        application_args=["check", "--run", RUN_ID, "--lake", LAKE],
        name="textcluster-check",
        num_executors=1,
        verbose=False,
    )

    cluster_corpus >> check_run
