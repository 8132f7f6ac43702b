"""Both DAGs parse with no errors and have the tasks, order, schedules and failure policy they promise."""

from __future__ import annotations

import pickle
from datetime import timedelta

import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.sdk.exceptions import AirflowFailException

from conftest import DAGS


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS))


def test_both_dags_import_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == {"pipeline_full", "pipeline_quality_checks"}


def test_pipeline_full_runs_ingest_then_the_gated_transform_then_publishes(dagbag):
    dag = dagbag.dags["pipeline_full"]
    assert {t.task_id for t in dag.tasks} == {"ingest_bronze", "transform_gated", "gold_published"}
    assert dag.get_task("ingest_bronze").downstream_task_ids == {"transform_gated"}
    assert dag.get_task("transform_gated").downstream_task_ids == {"gold_published"}
    assert dag.get_task("ingest_bronze").application_args == ["ingest", "--available-now"]
    assert dag.get_task("transform_gated").application_args == ["transform"]
    assert dag.max_active_runs == 1 and dag.catchup is False
    assert dag.schedule == "@daily" and dag.timetable.expression == "0 0 * * *"


def test_pipeline_quality_checks_runs_every_gate_hourly(dagbag):
    dag = dagbag.dags["pipeline_quality_checks"]
    assert [t.task_id for t in dag.tasks] == ["gate_all"]
    assert dag.get_task("gate_all").application_args == ["gate", "--layer", "all"]
    assert dag.schedule == "@hourly" and dag.timetable.expression == "0 * * * *"
    assert dag.catchup is False


@pytest.mark.parametrize("dag_id", ["pipeline_full", "pipeline_quality_checks"])
def test_spark_tasks_submit_the_jar_retry_crashes_and_alert_on_failure(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert dag.doc_md and "What a failure means" in dag.doc_md
    assert "assay" in dag.tags
    spark_tasks = [t for t in dag.tasks if t.task_type == "AssaySparkSubmitOperator"]
    assert spark_tasks
    for task in spark_tasks:
        assert task.application.endswith("assay-spark.jar")
        assert task._java_class == "io.assay.cli.Assay"
        assert task.retries >= 1 and task.retry_exponential_backoff
        assert task.execution_timeout is not None and task.execution_timeout <= timedelta(hours=2)
        assert task.on_failure_callback
        assert task._openlineage_inject_parent_job_info is True


def test_a_gate_failure_is_never_retried():
    # Airflow fails a task without retrying when it raises AirflowFailException; the end-to-end
    # test checks that exit code 3 from the jar becomes this exception.
    from assay_dags.operators import GateFailed

    assert issubclass(GateFailed, AirflowFailException)
    error = GateFailed("transform_gated", ["bronze_payments.amount_non_negative"], ["bronze_payments.amount_non_negative: observed 0.99"])
    assert "bronze_payments.amount_non_negative" in str(error)
    assert error.failed_checks == ["bronze_payments.amount_non_negative"]
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_dag_files_do_no_work_at_import(monkeypatch):
    # Parsing must not touch Variables (a metadata-database call) or start processes.
    import subprocess

    from airflow.sdk import Variable

    def forbidden(*args, **kwargs):
        raise AssertionError("DAG files must not do this at import time")

    monkeypatch.setattr(Variable, "get", forbidden)
    monkeypatch.setattr(subprocess, "Popen", forbidden)
    bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {}
