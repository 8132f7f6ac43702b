"""Airflow for the tests: a throw-away AIRFLOW_HOME (SQLite), Assay's DAG folder, spark-submit on PATH.

Set before anything imports Airflow, which reads its configuration once at import.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ASSAY_HOME = Path(os.environ.get("ASSAY_HOME", Path(__file__).resolve().parents[2]))
DAGS = ASSAY_HOME / "airflow" / "dags"
AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="assay-airflow-test-"))

os.environ.update({
    "ASSAY_HOME": str(ASSAY_HOME),
    "AIRFLOW_HOME": str(AIRFLOW_HOME),
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{AIRFLOW_HOME}/airflow.db",
    "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(AIRFLOW_HOME / "logs"),
    "SPARK_LOCAL_IP": "127.0.0.1",
})
sys.path.insert(0, str(DAGS))


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(AIRFLOW_HOME, ignore_errors=True)


@dataclass
class LineageSource:
    """Where a run left its lake and its OpenLineage events."""

    lake: Path
    events: Path
    run: subprocess.CompletedProcess


@pytest.fixture(scope="session")
def demo() -> LineageSource:
    """One `./assay demo` (its own embedded stack, stopped when it ends), before the e2e stack starts.

    Or the one `./assay test` made for this suite and the superset suite (ASSAY_TEST_LAKE), read only."""
    from assay_stack import JAR, ASSAY, free_port

    shared = os.environ.get("ASSAY_TEST_LAKE")
    if shared:
        report = Path(shared).parent / "demo-report.json"
        assert json.loads(report.read_text())["reconciliation"]["ok"], report
        return LineageSource(Path(shared) / "lake", Path(shared) / "lineage" / "events.ndjson",
                             subprocess.CompletedProcess(["./assay", "demo"], 0, "", ""))
    assert JAR.is_file(), f"no shaded jar at {JAR}: build it first (./assay test does)"
    data = AIRFLOW_HOME / "demo-data"
    env = {**os.environ, "ASSAY_DATA_DIR": str(data), "ASSAY_METASTORE_PORT": str(free_port())}
    env.pop("ASSAY_OPENLINEAGE_FILE", None)
    run = subprocess.run([ASSAY, "demo", "--events", "1200", "--seed", "7"], env=env, capture_output=True, text=True,
                         timeout=1800)
    assert run.returncode == 0, f"./assay demo exited {run.returncode}:\n{run.stdout[-3000:]}\n{run.stderr[-5000:]}"
    return LineageSource(data / "demo" / "lake", data / "demo" / "lineage" / "events.ndjson", run)


@pytest.fixture(scope="session")
def stack():
    """The embedded stack with produced events and a migrated Airflow database, shared by the e2e tests.

    In a folder of its own, not pytest's numbered temp folders, which other pytest sessions on the same
    machine may clean up while this one runs."""
    from assay_stack import JAR, migrate_airflow_db, start_stack

    assert JAR.is_file(), f"no shaded jar at {JAR}: build it first (./assay test does)"
    running = start_stack(AIRFLOW_HOME / "e2e" / "data")
    try:
        running.assay("produce", "--events", "1200", "--seed", "7")
        migrate_airflow_db(running)
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def full_run(stack):
    """One `airflow dags test pipeline_full` on the produced events."""
    return stack.airflow("dags", "test", "pipeline_full", "2026-12-01")


@pytest.fixture(scope="session")
def daily_run(stack, full_run) -> LineageSource:
    """The lake and events of that daily run."""
    return LineageSource(stack.lake, stack.events, full_run)
