"""pipeline_quality_checks: the hourly re-check of every committed table against its gate."""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import DAG

from assay_dags import alerts
from assay_dags.operators import AssaySparkSubmitOperator

DOC = """
### pipeline_quality_checks (hourly)

**gate_all**: `assay gate --layer all` runs the 13 gates (Bronze, Silver, Gold) over the committed
tables and appends every outcome to `quality_results`; nothing is written to the tables themselves.

**What a failure means**: a committed table no longer meets an error-level check (for example
freshness: no new data for too long). It is **not retried** (the answer would be the same); the failed
checks are in the task log, in `quality_results` and in the `ASSAY_TASK_FAILED` log line. Other failures
(cluster, storage) are retried with back-off.
"""

with DAG(
    dag_id="pipeline_quality_checks",
    description="Hourly: all gates over the committed tables, results to quality_results",
    schedule="@hourly",
    start_date=pendulum.datetime(2026, 11, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=50),
    doc_md=DOC,
    tags=["assay", "spark", "quality", "hourly"],
    default_args=alerts.task_defaults(
        retry_delay=timedelta(minutes=1),
        max_retry_delay=timedelta(minutes=10),
        execution_timeout=timedelta(minutes=40)),
) as dag:
    AssaySparkSubmitOperator(task_id="gate_all", assay_args=["gate", "--layer", "all"])
