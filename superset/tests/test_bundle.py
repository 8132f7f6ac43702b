"""The bundle in git is a consistent Superset export: references resolve, queries name real metrics and columns."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assay_superset.bundle import as_assets, read_bundle, zip_bundle

BUNDLE = Path(__file__).resolve().parents[1] / "bundle"


def load(kind: str) -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text()) for p in (BUNDLE / kind).rglob("*.yaml")}


def test_references_resolve_and_uuids_are_unique():
    databases, datasets, charts, dashboards = load("databases"), load("datasets"), load("charts"), load("dashboards")
    uuids = [c["uuid"] for kind in (databases, datasets, charts, dashboards) for c in kind.values()]
    assert len(uuids) == len(set(uuids))
    database_uuids = {d["uuid"] for d in databases.values()}
    assert all(d["database_uuid"] in database_uuids for d in datasets.values())
    dataset_uuids = {d["uuid"] for d in datasets.values()}
    assert all(c["dataset_uuid"] in dataset_uuids for c in charts.values())
    (dashboard,) = dashboards.values()
    placed = {e["meta"]["uuid"] for e in dashboard["position"].values() if isinstance(e, dict) and e.get("type") == "CHART"}
    assert placed == {c["uuid"] for c in charts.values()}, "every chart is on the dashboard, and only those"


def test_saved_queries_use_the_datasets_metrics_and_columns():
    datasets = {d["uuid"]: d for d in load("datasets").values()}
    for name, chart in load("charts").items():
        dataset = datasets[chart["dataset_uuid"]]
        metrics = {m["metric_name"] for m in dataset["metrics"]}
        columns = {c["column_name"] for c in dataset["columns"]}
        (query,) = json.loads(chart["query_context"])["queries"]
        assert set(query["metrics"]) <= metrics, name
        for column in query["columns"]:
            assert (column["sqlExpression"] if isinstance(column, dict) else column) in columns, (name, column)
        for f in query["filters"]:
            assert f["col"] in columns, (name, f)
        params = chart["params"]
        for metric in params.get("metrics", []) + ([params["metric"]] if "metric" in params else []):
            assert metric in metrics, (name, metric)


def test_live_charts_refresh_within_a_minute_and_gold_charts_do_not():
    (dashboard,) = load("dashboards").values()
    assert 0 < dashboard["metadata"]["refresh_frequency"] <= 60
    immune = set(dashboard["metadata"]["timed_refresh_immune_slices"])
    gold = {e["meta"]["chartId"] for e in dashboard["position"].values()
            if isinstance(e, dict) and e.get("type") == "CHART" and e["meta"]["sliceName"] in
            ("Daily gross revenue by currency", "Daily order count", "Payment success rate by method")}
    assert immune == gold


def test_the_database_points_at_the_configured_endpoint():
    contents = read_bundle(BUNDLE, "hive://10.0.0.5:10001/default")
    (database,) = [yaml.safe_load(t) for n, t in contents.items() if n.startswith("databases/")]
    assert database["sqlalchemy_uri"] == "hive://10.0.0.5:10001/default"
    assert yaml.safe_load(as_assets(contents)["metadata.yaml"])["type"] == "assets"
    assert yaml.safe_load(contents["metadata.yaml"])["type"] == "Dashboard"
    assert zip_bundle(contents)[:2] == b"PK"


def test_a_folder_without_metadata_is_not_a_bundle(tmp_path):
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "x.yaml").write_text("slice_name: x\n")
    with pytest.raises(FileNotFoundError, match="metadata.yaml"):
        read_bundle(tmp_path, "hive://127.0.0.1:10000/default")
