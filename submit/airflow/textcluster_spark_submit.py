"""Airflow DAG: cluster a corpus nightly with spark-submit, then fail the DAG run if the run failed or was empty.

Needs apache-airflow-providers-apache-spark and a Spark connection (Admin > Connections, id ``spark_textcluster``)
whose host is the master (``yarn``, ``spark://host:7077`` or ``k8s://https://host:6443``); the worker running the
task needs ``spark-submit`` on its PATH (or ``spark_binary``). Set three Airflow Variables:

- ``textcluster_jar``: the application jar (``mvn package`` builds ``target/textcluster-app.jar``), on a path or URL
  the cluster can read.
- ``textcluster_config``: the job's HOCON config on the Airflow worker. It is shipped with ``--files`` and read by
  its base name, so it works in YARN cluster mode as in client mode. Its input.path and output.path must be URIs the
  cluster reaches (hdfs://, s3a://, abfss://).
- ``textcluster_lake``: the config's output.path, where the check task reads the ``runs`` table.

No secrets here: the object store's credentials belong to the cluster (instance roles, Hadoop credential providers)
or to the Spark connection's extras.
"""
import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# Airflow's own run_id holds ':' and '+', which the lake's run_id does not allow; the DAG id and the logical date do.
RUN_ID = "{{ dag.dag_id }}-{{ ts_nodash }}"

# What submit/spark-submit.sh adds for every cluster manager: Delta Lake and its session extension.
DELTA_CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
}
DELTA_PACKAGE = "io.delta:delta-spark_2.12:3.3.2"

default_args = {
    "owner": "data-platform",
    "retries": 0,  # a failed run is recorded in the runs table; re-running the same run id replaces its rows
    "execution_timeout": timedelta(hours=4),
}

with DAG(
    dag_id="textcluster_nightly",
    description="textcluster run with spark-submit, then check its row in the runs table",
    schedule="0 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["textcluster"],
) as dag:
    config = Variable.get("textcluster_config", default_var="conf/nightly.conf")

    cluster_corpus = SparkSubmitOperator(
        task_id="cluster_corpus",
        conn_id="spark_textcluster",
        application=Variable.get("textcluster_jar", default_var="target/textcluster-app.jar"),
        java_class="io.textcluster.cli.TextClusterCli",
        packages=DELTA_PACKAGE,
        conf=DELTA_CONF,
        files=config,
        application_args=["run", "--config", os.path.basename(config), "--run-id", RUN_ID],
        name="textcluster-" + RUN_ID,
        verbose=False,
    )

    # `textcluster check` exits 1 when the run failed, is still marked running, or clustered 0 documents, so
    # spark-submit fails and with it this task and the DAG run.
    check_run = SparkSubmitOperator(
        task_id="check_run",
        conn_id="spark_textcluster",
        application=Variable.get("textcluster_jar", default_var="target/textcluster-app.jar"),
        java_class="io.textcluster.cli.TextClusterCli",
        packages=DELTA_PACKAGE,
        conf=DELTA_CONF,
        application_args=["check", "--run", RUN_ID, "--lake", Variable.get("textcluster_lake", default_var="lake")],
        name="textcluster-check-" + RUN_ID,
        num_executors=1,
        verbose=False,
    )

    cluster_corpus >> check_run
