"""Airflow DAG: the nightly run as a Databricks one-time run (runs/submit), then a check task on the runs table.

Needs apache-airflow-providers-databricks and a Databricks connection (id ``databricks_default``; its token or OAuth
secret lives in the connection, never here). Works on Airflow 3 (``airflow.sdk``) and 2.9+. Upload first, to a Unity
Catalog volume, as for submit/databricks/job.json:

    databricks fs cp target/textcluster-app.jar dbfs:/Volumes/main/textcluster/jobs/
    databricks fs cp conf/nightly.conf dbfs:/Volumes/main/textcluster/jobs/

Airflow Variables, read when a task runs (Jinja templates in ``json``), never when the scheduler parses this file:
``textcluster_volume`` (the volume folder holding the jar and nightly.conf), ``textcluster_input`` (input.path) and
``textcluster_lake`` (output.path, an external location registered in Unity Catalog).

The check task runs ``textcluster check`` as a second jar run: on Databricks the entry point throws instead of
exiting when the run failed or clustered 0 documents, so that run fails, the operator raises and the DAG run fails.
To run the job created from submit/databricks/job.json instead, see textcluster_databricks_job.py.
"""
from __future__ import annotations

from datetime import datetime, timedelta

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2.9 to 2.11
    from airflow import DAG
from airflow.providers.databricks.operators.databricks import DatabricksSubmitRunOperator

VOLUME = "{{ var.value.get('textcluster_volume', '/Volumes/main/textcluster/jobs') }}"
JAR = VOLUME + "/textcluster-app.jar"
CONFIG = VOLUME + "/nightly.conf"
INPUT = "{{ var.value.get('textcluster_input', '/Volumes/main/textcluster/landing/reviews/*.csv') }}"
LAKE = "{{ var.value.get('textcluster_lake', 's3://textcluster-lake/nightly') }}"
# Airflow's run_id holds ':' and '+', which the lake's run ids do not allow (letters, digits, '_', '-', '.').
RUN_ID = "{{ dag.dag_id }}-{{ run_id | replace(':', '') | replace('+', '') }}"

# Runtime 15.4 LTS (Spark 3.5); JNAME selects Java 17, which the jar is compiled for (15.4 defaults to Java 8).
# SINGLE_USER (dedicated) access mode reads Unity Catalog volumes and external locations from a jar task.
CLUSTER = {
    "spark_version": "15.4.x-scala2.12",
    "node_type_id": "i3.xlarge",
    "num_workers": 2,
    "data_security_mode": "SINGLE_USER",
    "spark_env_vars": {"JNAME": "zulu17-ca-amd64"},
}
SINGLE_NODE = {
    "spark_version": "15.4.x-scala2.12",
    "node_type_id": "i3.xlarge",
    "num_workers": 0,
    "data_security_mode": "SINGLE_USER",
    "spark_conf": {"spark.master": "local[*]", "spark.databricks.cluster.profile": "singleNode"},
    "custom_tags": {"ResourceClass": "SingleNode"},
    "spark_env_vars": {"JNAME": "zulu17-ca-amd64"},
}


def jar_run(name, cluster, parameters):
    return {
        "run_name": name,
        "new_cluster": cluster,
        "libraries": [{"jar": JAR}],
        "spark_jar_task": {"main_class_name": "io.textcluster.cli.TextClusterCli", "parameters": parameters},
        "timeout_seconds": 4 * 3600,
    }


with DAG(
    dag_id="textcluster_nightly_databricks",
    description="textcluster as a Databricks jar run, then check its row in the runs table",
    schedule="0 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "data-platform", "retries": 0, "execution_timeout": timedelta(hours=4)},
    tags=["textcluster"],
) as dag:
    cluster_corpus = DatabricksSubmitRunOperator(
        task_id="cluster_corpus",
        databricks_conn_id="databricks_default",
        json=jar_run(
            "textcluster " + RUN_ID,
            CLUSTER,
            ["run", "--config", CONFIG, "--run-id", RUN_ID, "--set", "input.path=" + INPUT, "--set",
             "output.path=" + LAKE],
        ),
    )

    check_run = DatabricksSubmitRunOperator(
        task_id="check_run",
        databricks_conn_id="databricks_default",
        json=jar_run("textcluster check " + RUN_ID, SINGLE_NODE, ["check", "--run", RUN_ID, "--lake", LAKE]),
    )

    cluster_corpus >> check_run
