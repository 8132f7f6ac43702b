"""The OpenLineage events of `./assay demo` and of a real daily run (Airflow → spark-submit → Assay):
valid against the OpenLineage JSON schema, every model's and ingest's inputs and outputs, the gate
outcomes as assertion facets matching quality_results one to one, and `./assay lineage` reading them
back; for the daily run also one connected graph from Airflow's task run down to Spark's jobs."""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

import delta_log
from assay_stack import ASSAY
from conftest import LineageSource

SPEC = Path(__file__).parent / "openlineage_spec"
MODELS = ["silver_orders", "silver_clickstream", "silver_payments", "silver_weather", "silver_dlq_audit",
          "gold_daily_order_revenue", "gold_payment_success_rate", "gold_pipeline_health"]
TOPICS = ["orders", "clickstream", "payments", "weather"]
GATED = 13


@pytest.fixture(scope="module", params=["demo", "daily_run"])
def source(request) -> LineageSource:
    """The same checks on both ways Assay runs: the demo in one JVM, and the DAG's spark-submits."""
    found = request.getfixturevalue(request.param)
    assert found.run.returncode == 0, found.run.stdout[-3000:] + found.run.stderr[-3000:]
    return found


def read_events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def events(source) -> list[dict]:
    return read_events(source.events)


def table_name(dataset: dict) -> str:
    return dataset["name"].rsplit("/", 1)[-1]


def completes(events, prefix):
    return [e for e in events if e.get("eventType") == "COMPLETE" and e.get("job", {}).get("name", "").startswith(prefix)]


def test_every_event_validates_against_the_openlineage_schema(events):
    core = json.loads((SPEC / "OpenLineage.json").read_text())
    facet_schemas = [json.loads(p.read_text()) for p in sorted((SPEC / "facets").glob("*.json"))]
    registry = Registry().with_resources(
        [(s["$id"], Resource.from_contents(s)) for s in [core, *facet_schemas]])
    by_facet = {key: s for s in facet_schemas for key in s.get("properties", {})}
    event_validator = Draft202012Validator(core, registry=registry)
    checked_facets = set()
    for event in events:
        event_validator.validate(event)
        for facets in _facet_maps(event):
            for key, facet in facets.items():
                if key in by_facet:
                    Draft202012Validator(by_facet[key], registry=registry).validate({key: facet})
                    checked_facets.add(key)
    assert {"dataQualityAssertions", "dataQualityMetrics", "parent", "schema"} <= checked_facets


def _facet_maps(event):
    yield event.get("run", {}).get("facets", {})
    yield event.get("job", {}).get("facets", {})
    for dataset in event.get("inputs", []) + event.get("outputs", []):
        yield dataset.get("facets", {})
        yield dataset.get("inputFacets", {})
        yield dataset.get("outputFacets", {})


def test_every_model_and_ingest_records_its_inputs_and_outputs(events, source):
    for model in MODELS:
        runs = completes(events, f"assay.model.{model}")
        assert runs, f"no lineage for model {model}"
        event = runs[-1]
        assert [table_name(o) for o in event["outputs"]] == [model]
        assert event["outputs"][0]["namespace"] == "file"
        assert event["inputs"], f"{model} has no inputs"
        assert event["job"]["facets"]["sql"]["query"].strip()
    for topic in TOPICS:
        route = completes(events, f"assay.ingest.bronze.{topic}")[-1]
        assert [(i["namespace"].startswith("kafka://127.0.0.1:"), i["name"]) for i in route["inputs"]] == [(True, topic)]
        assert {table_name(o) for o in route["outputs"] if o["namespace"] == "file"} == {f"bronze_{topic}", "bronze_dlq_audit"}
    # The Spark listener names the same tables the same way.
    spark_outputs = {(o["namespace"], o["name"]) for e in events if "spark" in e.get("producer", "")
                     for o in e.get("outputs", [])}
    assert ("file", str(source.lake / "bronze_orders")) in spark_outputs


def test_gate_assertions_match_quality_results_one_to_one(events, source):
    results = delta_log.rows(source.lake / "quality_results")
    expected = defaultdict(set)
    for row in results:
        expected[(row["run_id"], row["table_name"])].add((row["check_name"], row["status"] == "PASSED"))
    found = {}
    for event in completes(events, "assay.gate."):
        run_id = next(t["value"] for t in event["run"]["facets"]["tags"]["tags"] if t["key"] == "assay.run_id")
        for judged in event["inputs"]:
            facets = judged["inputFacets"]
            assertions = facets["dataQualityAssertions"]["assertions"]
            pairs = {(a["name"], a["success"]) for a in assertions}
            assert len(pairs) == len(assertions)
            found[(run_id, table_name(judged))] = pairs
            assert facets["dataQualityMetrics"]["rowCount"] >= 0
    # The demo runs two transforms (before and after its dead-letter replay); each judges every gated table.
    runs = {run for run, _ in found}
    assert runs, "no gate events"
    for run in runs:
        assert sum(1 for key in found if key[0] == run) == GATED, run
    assert found == {key: value for key, value in expected.items() if key[0] in runs}


def lineage(source: LineageSource, *args: str) -> str:
    result = subprocess.run([ASSAY, "lineage", "--events", str(source.events), *args], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def test_lineage_command_prints_the_path_back_to_the_topic_and_renders_with_graphviz(source, tmp_path):
    text = lineage(source, "--table", "gold_payment_success_rate")
    lines = text.splitlines()
    assert lines[0].startswith("gold_payment_success_rate")
    for upstream in ["silver_payments", "bronze_payments", "topic payments"]:
        assert any(upstream in line for line in lines[1:]), text
    assert "assay.ingest.bronze" in text and "checks passed" in text

    dot = lineage(source, "--table", "gold_payment_success_rate", "--format", "dot")
    (tmp_path / "lineage.dot").write_text(dot)
    png = subprocess.run(["dot", "-Tpng", str(tmp_path / "lineage.dot"), "-o", str(tmp_path / "lineage.png")],
                         capture_output=True, text=True, timeout=120)
    assert png.returncode == 0, png.stderr
    assert (tmp_path / "lineage.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_one_daily_run_is_one_connected_graph(daily_run):
    events = read_events(daily_run.events)
    airflow_task = [e for e in events if e.get("job", {}).get("name") == "pipeline_full.transform_gated"
                    and "airflow" in e.get("producer", "")]
    assert airflow_task, "Airflow's OpenLineage provider recorded the task run"
    task_run_id = airflow_task[0]["run"]["runId"]
    children = [e for e in events if e.get("run", {}).get("facets", {}).get("parent", {}).get("run", {}).get("runId") == task_run_id]
    assert any("spark" in e.get("producer", "") for e in children), "Spark's events name the Airflow task run as parent"
    assert any(e["job"]["name"].startswith("assay.gate.") for e in children), "so do Assay's gate events"
