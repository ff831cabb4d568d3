"""Airflow DAG: the same nightly run as a Databricks one-time run, then a check task on the runs table.

Needs apache-airflow-providers-databricks and a Databricks connection (id ``databricks_default``; its token lives
in the connection, never here). Upload first, as in submit/databricks/job.json:

    databricks fs cp target/textcluster-app.jar dbfs:/textcluster/jars/
    databricks fs cp conf/nightly.conf dbfs:/textcluster/conf/

The check task runs ``textcluster check`` as a second jar run: on Databricks the entry point throws instead of
exiting when the run failed or clustered 0 documents, so that run fails, the operator raises and the DAG run fails.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.databricks.operators.databricks import DatabricksSubmitRunOperator

JAR = "dbfs:/textcluster/jars/textcluster-app.jar"
CONFIG = "dbfs:/textcluster/conf/nightly.conf"
LAKE = "dbfs:/textcluster/lake/nightly"  # the config's output.path
# Airflow's own run_id holds ':' and '+', which the lake's run_id does not allow.
RUN_ID = "{{ dag.dag_id }}-{{ ts_nodash }}"

# Spark 3.5 runtime; JNAME selects Java 17, which the jar is compiled for (15.4 LTS defaults to Java 8).
CLUSTER = {
    "spark_version": "15.4.x-scala2.12",
    "node_type_id": "i3.xlarge",
    "num_workers": 2,
    "spark_env_vars": {"JNAME": "zulu17-ca-amd64"},
}
SINGLE_NODE = {
    "spark_version": "15.4.x-scala2.12",
    "node_type_id": "i3.xlarge",
    "num_workers": 0,
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
        json=jar_run("textcluster " + RUN_ID, CLUSTER, ["run", "--config", CONFIG, "--run-id", RUN_ID]),
    )

    check_run = DatabricksSubmitRunOperator(
        task_id="check_run",
        databricks_conn_id="databricks_default",
        json=jar_run("textcluster check " + RUN_ID, SINGLE_NODE, ["check", "--run", RUN_ID, "--lake", LAKE]),
    )

    cluster_corpus >> check_run
