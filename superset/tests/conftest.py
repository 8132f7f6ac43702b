"""One lake, one SQL endpoint and one Superset for the whole session (they take minutes to start).

The lake comes from the real pipeline: `./assay demo` (embedded Kafka and registry, producers with
faults, streaming ingest, gated Silver and Gold) into a temporary data folder, whose ledger is the
ground truth. ASSAY_TEST_LAKE=<data folder of an earlier demo> reuses one (`./assay test` makes one demo
for this suite and the airflow suite's lineage tests, which only read it).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assay_superset.api import SupersetApi  # noqa: E402
from assay_superset.metadata import admin_password, prepare_state_dir  # noqa: E402
from assay_superset.processes import free_port  # noqa: E402
from assay_superset.server import run_setup, start_sql_endpoint, start_superset  # noqa: E402
from assay_superset.settings import SupersetSettings  # noqa: E402

ASSAY_HOME = Path(os.environ.get("ASSAY_HOME") or Path(__file__).resolve().parents[2])
ARTIFACTS = ASSAY_HOME / "superset" / "target"
DEMO_EVENTS = os.environ.get("ASSAY_TEST_DEMO_EVENTS", "2000")


@pytest.fixture(scope="session")
def lake(tmp_path_factory) -> Path:
    """The demo's data folder (lake, metastore, ledger) after a reconciled run."""
    reuse = os.environ.get("ASSAY_TEST_LAKE")
    if reuse:
        report = Path(reuse).parent / "demo-report.json"  # where ./assay test's shared demo writes it
        assert not report.is_file() or json.loads(report.read_text())["reconciliation"]["ok"], report
        return Path(reuse)
    data = tmp_path_factory.mktemp("assay-data")
    report = data / "demo-report.json"
    subprocess.run([str(ASSAY_HOME / "assay"), "demo", "--events", DEMO_EVENTS, "--report", str(report)],
                   env={**os.environ, "ASSAY_DATA_DIR": str(data), "ASSAY_METASTORE_PORT": str(free_port())},
                   cwd=data, check=True, stdout=subprocess.DEVNULL)
    assert json.loads(report.read_text())["reconciliation"]["ok"], f"the demo did not reconcile: {report}"
    return data / "demo"


@pytest.fixture(scope="session")
def settings(lake, tmp_path_factory) -> SupersetSettings:
    base = SupersetSettings.from_env({"ASSAY_HOME": str(ASSAY_HOME),
                                      "ASSAY_DATA_DIR": str(tmp_path_factory.mktemp("superset-data")),
                                      "ASSAY_SUPERSET_WORKERS": "1"})
    return base.with_ports(port=free_port(), sql_port=free_port())


@pytest.fixture(scope="session")
def sql_endpoint(lake, settings):
    prepare_state_dir(settings)
    # The endpoint's own lineage events go beside its state, not into the (maybe shared) demo lake's.
    env = {**os.environ, "ASSAY_DATA_DIR": str(lake), "ASSAY_METASTORE_PORT": str(free_port()),
           "ASSAY_OPENLINEAGE_FILE": str(settings.state_dir / "lineage.ndjson")}
    endpoint = start_sql_endpoint(settings, env)
    yield settings
    endpoint.stop()


@pytest.fixture(scope="session")
def superset(sql_endpoint):
    settings = sql_endpoint
    run_setup(settings)
    server = start_superset(settings)
    yield settings
    server.stop()


@pytest.fixture(scope="session")
def api(superset) -> SupersetApi:
    return SupersetApi(superset.url, superset.admin_user, admin_password(superset))


@pytest.fixture(scope="session")
def hive(sql_endpoint):
    """A PyHive connection to the SQL endpoint: the independent way to read the same tables."""
    from pyhive import hive as pyhive

    connection = pyhive.connect(host=sql_endpoint.sql_host, port=sql_endpoint.sql_port)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def ledger(lake) -> list[dict]:
    entries = []
    for file in sorted((lake / "ledger").glob("*.jsonl")):
        entries += [json.loads(line) for line in file.read_text().splitlines() if line.strip()]
    assert entries, f"no ledger under {lake / 'ledger'}"
    return entries


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
