"""The real parts the end-to-end tests drive: the embedded Kafka + registry (`./assay up`), producers
(`./assay produce`), Airflow's CLI against a SQLite metadata database, and `./assay` commands."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from conftest import AIRFLOW_HOME, ASSAY_HOME

ASSAY = str(ASSAY_HOME / "assay")
JAR = ASSAY_HOME / "cli" / "target" / "assay-spark.jar"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Stack:
    data_dir: Path
    env: dict[str, str]
    process: subprocess.Popen
    log: Path

    @property
    def lake(self) -> Path:
        return self.data_dir / "lake"

    @property
    def events(self) -> Path:
        return self.data_dir / "lineage" / "events.ndjson"

    def assay(self, *args: str, timeout: int = 1800, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([ASSAY, *args], env=self.env, capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"./assay {' '.join(args)} exited {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
        return result

    def airflow(self, *args: str, timeout: int = 3600) -> subprocess.CompletedProcess:
        airflow = Path(sys.executable).parent / "airflow"  # the locked environment running these tests
        return subprocess.run([str(airflow), *args], env=self.env, capture_output=True, text=True, timeout=timeout)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_stack(data_dir: Path) -> Stack:
    """`./assay up` on free ports, in its own data folder; returns once topics and schemas are ready."""
    kafka_port, registry_port = free_port(), free_port()
    spark_bin = Path(os.environ["SPARK_HOME"]) / "bin"
    env = {
        **os.environ,
        "ASSAY_DATA_DIR": str(data_dir),
        "ASSAY_KAFKA_PORT": str(kafka_port),
        "ASSAY_REGISTRY_PORT": str(registry_port),
        # `up` hosts the local metastore's Derby server here: a port of its own, not another stack's 1527.
        "ASSAY_METASTORE_PORT": str(free_port()),
        "ASSAY_HEAP": "2g",
        "PATH": f"{spark_bin}:{os.environ['PATH']}",
        # The operator's spark-submit: local mode, client deploy mode (the jar's exit code is the task's).
        "AIRFLOW_CONN_SPARK_DEFAULT": json.dumps({"conn_type": "spark", "host": "local[2]", "extra": {"deploy-mode": "client"}}),
        # Airflow's own OpenLineage events go to the same file as Spark's and Assay's.
        "AIRFLOW__OPENLINEAGE__TRANSPORT": json.dumps(
            {"type": "file", "log_file_path": str(data_dir / "lineage" / "events.ndjson"), "append": True}),
        "AIRFLOW__OPENLINEAGE__NAMESPACE": "assay",
        # The driver spark-submit starts gets the JVM options ./assay's own JVMs get (./assay test's Spark settings).
        "ASSAY_SPARK_CONF": json.dumps({"spark.driver.memory": "1500m",
                                        **({"spark.driver.extraJavaOptions": opts} if (opts := os.environ.get("ASSAY_JAVA_OPTS")) else {})}),
    }
    (data_dir / "lineage").mkdir(parents=True, exist_ok=True)
    log = data_dir / "up.log"
    process = subprocess.Popen([ASSAY, "up", "--kafka-port", str(kafka_port), "--registry-port", str(registry_port)],
                               env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 600
    while "Running; Ctrl-C stops." not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"./assay up did not start:\n{log.read_text()[-3000:]}")
        time.sleep(1)
    return Stack(data_dir, env, process, log)


def migrate_airflow_db(stack: Stack) -> None:
    result = stack.airflow("db", "migrate", timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]


def task_states(dag_id: str, logical_date_prefix: str) -> dict[str, tuple[str, int]]:
    """task_id -> (state, try_number) of the run of dag_id whose logical date starts with the prefix."""
    import sqlite3

    with sqlite3.connect(AIRFLOW_HOME / "airflow.db") as db:
        rows = db.execute(
            "SELECT ti.task_id, ti.state, ti.try_number FROM task_instance ti JOIN dag_run dr"
            " ON ti.dag_id = dr.dag_id AND ti.run_id = dr.run_id"
            " WHERE ti.dag_id = ? AND CAST(dr.logical_date AS TEXT) LIKE ?",
            (dag_id, logical_date_prefix + "%")).fetchall()
    return {task: (state, tries) for task, state, tries in rows}


def task_log(dag_id: str, task_id: str) -> str:
    """Every log file Airflow wrote for a task, concatenated."""
    files = sorted((AIRFLOW_HOME / "logs").rglob("*.log"))
    return "\n".join(f.read_text(errors="replace") for f in files
                     if f"dag_id={dag_id}" in str(f) and f"task_id={task_id}" in str(f))
