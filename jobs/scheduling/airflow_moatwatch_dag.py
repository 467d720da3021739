"""Airflow DAG: the nightly moatwatch run with SparkSubmitOperator (docs/NIGHTLY.md).

Needs apache-airflow and apache-airflow-providers-apache-spark, and a Spark connection `spark_moatwatch`
whose host is the cluster master (spark://host:7077, yarn or k8s://...). Copy the application jar and the
trimmed models jar (mvn package: target/moatwatch-<version>.jar and target/moatwatch-<version>-models.jar)
where the Airflow workers can read them and set MOATWATCH_HOME accordingly.

Each run processes the DAG run's logical day ({{ ds }}: yesterday for a daily schedule) and replaces exactly
that day's partitions, so Airflow retries and backfills are safe; max_active_runs=1 keeps runs from
overlapping like the lock of jobs/nightly.sh does.
"""

import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

MOATWATCH_HOME = os.environ.get("MOATWATCH_HOME", "/opt/moatwatch")
VERSION = "0.1.0-SNAPSHOT"

with DAG(
    dag_id="moatwatch_nightly",
    description="GPU software stack sentiment: one day of exports through CoreNLP to Parquet",
    schedule="30 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=15)},
    tags=["moatwatch"],
) as dag:
    SparkSubmitOperator(
        task_id="moatwatch_day",
        conn_id="spark_moatwatch",
        application=f"{MOATWATCH_HOME}/target/moatwatch-{VERSION}.jar",
        java_class="io.moatwatch.cli.Main",
        name="moatwatch-{{ ds }}",
        # The CoreNLP models the executors load: the trimmed jar Maven builds (~150 MB).
        jars=f"{MOATWATCH_HOME}/target/moatwatch-{VERSION}-models.jar",
        driver_memory="4g",
        # CoreNLP's default pipeline needs ~2 GB of heap per executor JVM on top of Spark's own.
        executor_memory="6g",
        executor_cores=2,
        conf={"spark.ui.showConsoleProgress": "false"},
        application_args=[
            "--input", "/srv/exports/gpu/{{ ds }}",
            "--output", "/srv/moatwatch",
            "--day", "{{ ds }}",
            "--run-id", "airflow-{{ ds }}-{{ ts_nodash }}",
        ],
    )
