"""End to end on the real stack: Airflow runs the DAGs, which spark-submit the shaded jar.

The lake is shared with test_lineage.py (session fixtures in conftest.py): a clean daily run that
reconciles with the producers' ledger, the hourly gates on it, then (last, as it changes Bronze) a run
with a contract-breaking row forced into Bronze that must stop at the gate.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import delta_log
from assay_stack import JAR, Stack, task_log, task_states

GOLD = ["gold_daily_order_revenue", "gold_payment_success_rate", "gold_pipeline_health"]


def ledger(stack: Stack) -> Path:
    files = sorted((stack.data_dir / "ledger").glob("*.jsonl"))
    assert len(files) == 1, files
    return files[0]


def test_daily_run_fills_bronze_silver_and_gold_and_they_reconcile_with_the_ledger(stack, full_run):
    assert full_run.returncode == 0, full_run.stdout[-4000:] + full_run.stderr[-4000:]
    states = task_states("pipeline_full", "2026-12-01")
    assert states == {"ingest_bronze": ("success", 1), "transform_gated": ("success", 1), "gold_published": ("success", 1)}
    for table in ["bronze_orders", "silver_orders", "silver_payments", *GOLD]:
        assert delta_log.rows(stack.lake / table), f"{table} is empty"
    report = json.loads(stack.assay("reconcile", "--ledger", str(ledger(stack))).stdout)
    assert report["reconciliation"]["ok"] is True, report["reconciliation"]
    assert sum(report["bronze"].values()) > 0 and report["gold"]["daily_order_revenue"]


def test_hourly_quality_checks_pass_on_the_clean_tables(stack, full_run):
    result = stack.airflow("dags", "test", "pipeline_quality_checks", "2026-12-01T05:00:00+00:00")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert task_states("pipeline_quality_checks", "2026-12-01 05") == {"gate_all": ("success", 1)}
    results = delta_log.rows(stack.lake / "quality_results")
    runs = {r["run_id"] for r in results}
    assert len(runs) == 2, "the transform's gates and the hourly gates each add one run"
    assert not [r for r in results if r["status"] == "FAILED"]


def test_a_contract_breaking_row_in_bronze_fails_the_gate_task_without_retry_or_downstream(stack, full_run):
    gold_versions = {t: delta_log.version(stack.lake / t) for t in GOLD}
    silver_version = delta_log.version(stack.lake / "silver_payments")
    spark_python = Path(os.environ["SPARK_HOME"]).parents[3] / "bin" / "python"
    forced = subprocess.run([str(spark_python), str(Path(__file__).parent / "force_contract_breaking_row.py"),
                             str(stack.lake), str(JAR)], env=stack.env, capture_output=True, text=True, timeout=600)
    assert forced.returncode == 0, forced.stderr[-3000:]

    result = stack.airflow("dags", "test", "pipeline_full", "2026-12-02")
    assert result.returncode != 0 or "failed" in result.stdout.lower()
    states = task_states("pipeline_full", "2026-12-02")
    assert states["ingest_bronze"] == ("success", 1)
    assert states["transform_gated"] == ("failed", 1), states  # failed on its first try: no retry
    assert states["gold_published"][0] in ("upstream_failed", None), states
    log = task_log("pipeline_full", "transform_gated") + result.stdout + result.stderr
    assert "amount_at_least_a_cent" in log and "contract gate failed" in log
    assert "ASSAY_TASK_FAILED" in log and '"kind": "gate_failed"' in log
    assert {t: delta_log.version(stack.lake / t) for t in GOLD} == gold_versions
    assert delta_log.version(stack.lake / "silver_payments") == silver_version
