"""Airflow for the tests: a throw-away AIRFLOW_HOME (SQLite), Assay's DAG folder, spark-submit on PATH.

Set before anything imports Airflow, which reads its configuration once at import.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

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
