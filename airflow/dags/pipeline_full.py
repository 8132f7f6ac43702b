"""pipeline_full: the daily run of Assay, Kafka → Bronze → Silver → Gold, every promotion behind its gate."""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, Asset

from assay_dags import alerts
from assay_dags.operators import AssaySparkSubmitOperator

DOC = """
### pipeline_full (daily)

1. **ingest_bronze**: `assay ingest --available-now` drains what Kafka holds into the Bronze Delta tables
   and the dead-letter table (exactly once: a rerun skips what is already there), then updates
   `pipeline_metrics`.
2. **transform_gated**: `assay transform`: Bronze gate → Silver staged → Silver gate → commit →
   Gold staged → Gold gate → commit. Every check outcome is a row of `quality_results`.
3. **gold_published**: marks the Gold tables updated (Airflow asset `assay_gold`), so dashboards and
   downstream DAGs run only on gated data.

**What a failure means**

- `transform_gated` failed with *contract gate failed*: the data broke an error-level check. Nothing from
  that layer onwards was committed (downstream tables keep their Delta versions) and `gold_published` did not run.
  It is **not retried**: fix or quarantine the data, then clear the task. The failed checks are in the
  task log, in `quality_results`, and in the `ASSAY_TASK_FAILED` log line (and the webhook if set).
- Any other failure (broker, registry, cluster, a crash) is retried with back-off; the steps are idempotent.
"""

with DAG(
    dag_id="pipeline_full",
    description="Daily: Kafka → Bronze → Silver → Gold through the contract gates",
    schedule="@daily",
    start_date=pendulum.datetime(2026, 11, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=4),
    doc_md=DOC,
    tags=["assay", "spark", "daily"],
    default_args=alerts.task_defaults(
        retry_delay=timedelta(minutes=2),
        max_retry_delay=timedelta(minutes=30),
        execution_timeout=timedelta(hours=2)),
) as dag:
    ingest = AssaySparkSubmitOperator(task_id="ingest_bronze", assay_args=["ingest", "--available-now"])
    transform = AssaySparkSubmitOperator(task_id="transform_gated", assay_args=["transform"])
    published = EmptyOperator(task_id="gold_published", outlets=[Asset("assay_gold")])

    ingest >> transform >> published
