"""Airflow DAG: trigger the Databricks job created from submit/databricks/job.json and wait for it.

The job itself runs textcluster and then its check task, so a failed or empty run fails the job run and with it this
task. Use this DAG when the job's definition lives in Databricks (``databricks jobs create --json
@submit/databricks/job.json``, its own schedule left paused); use textcluster_databricks.py to submit one-time runs
from Airflow instead.

Needs apache-airflow-providers-databricks and a Databricks connection (id ``databricks_default``). Works on Airflow 3
(``airflow.sdk``) and 2.9+.
"""
from __future__ import annotations

from datetime import datetime, timedelta

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2.9 to 2.11
    from airflow import DAG
from airflow.providers.databricks.operators.databricks import DatabricksRunNowOperator

with DAG(
    dag_id="textcluster_nightly_databricks_job",
    description="run the textcluster-nightly Databricks job (run, then check) and wait for it",
    schedule="0 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "data-platform", "retries": 0, "execution_timeout": timedelta(hours=4)},
    tags=["textcluster"],
) as dag:
    DatabricksRunNowOperator(
        task_id="run_textcluster_job",
        databricks_conn_id="databricks_default",
        # job.json's "name"; the job must exist once in the workspace.
        job_name="{{ var.value.get('textcluster_databricks_job', 'textcluster-nightly') }}",
        wait_for_termination=True,
    )
