"""`./assay bench freshness`: how long a burst of contract-breaking events takes to show on the live chart.

Starts everything a user would (embedded Kafka and registry, `./assay ingest` continuously with a short
trigger and its metrics job, the SQL endpoint, Superset with the dashboard) in a fresh data folder, then
for each burst: produces events that all break their contract (tagged by the producer run's ledger:
topic, partition and offset of every record), and polls Superset's chart-data API for the live chart
(the chart's own saved query) until the topic's dead-lettered count has grown by the burst. The latency
runs from the burst's last Kafka timestamp to the poll that counted it; per burst, the tables' own
timestamps split it into Kafka -> Bronze, Bronze -> pipeline_metrics and pipeline_metrics -> chart.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from assay_superset.api import SupersetApi
from assay_superset.metadata import admin_password, prepare_state_dir
from assay_superset.processes import ChildProcess, free_port
from assay_superset.server import run_setup, start_sql_endpoint, start_superset
from assay_superset.settings import SupersetSettings

LIVE_CHART = "64aa736f-db8e-4cff-b9cc-23db1572d06c"  # Valid vs dead-lettered events per minute
TARGET_P95_S = 60.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="assay bench freshness", description=__doc__.splitlines()[0])
    parser.add_argument("--bursts", type=int, default=5, help="bursts to time (default 5)")
    parser.add_argument("--events", type=int, default=200, help="events per burst, all faulty (default 200)")
    parser.add_argument("--topic", default="payments", help="topic the bursts go to (default payments)")
    parser.add_argument("--trigger", default="2s", help="the streaming jobs' trigger (default 2s)")
    parser.add_argument("--poll-s", type=float, default=0.5, help="pause between chart-data polls (default 0.5)")
    parser.add_argument("--timeout-s", type=float, default=300, help="give up on a burst after this (default 300)")
    parser.add_argument("--report", type=Path, help="also write the JSON report here")
    args = parser.parse_args(argv)
    if args.bursts < 1 or args.events < 1:
        parser.error("--bursts and --events must be at least 1")

    data = Path(tempfile.mkdtemp(prefix="assay-freshness-"))
    kafka_port, registry_port = free_port(), free_port()
    env = {**os.environ, "ASSAY_DATA_DIR": str(data), "ASSAY_METASTORE_PORT": str(free_port()),
           "ASSAY_KAFKA_BOOTSTRAP": f"127.0.0.1:{kafka_port}", "ASSAY_REGISTRY_URL": f"http://127.0.0.1:{registry_port}"}
    settings = SupersetSettings.from_env({**env, "ASSAY_SUPERSET_WORKERS": "1"}).with_ports(free_port(), free_port())
    assay = str(settings.assay_home / "assay")
    prepare_state_dir(settings)
    started: list[ChildProcess] = []
    try:
        log("starting Kafka and the schema registry (./assay up)")
        stack = ChildProcess("./assay up", [assay, "up", "--kafka-port", str(kafka_port), "--registry-port",
                                            str(registry_port)], data / "up.log", env=env, cwd=data)
        started.append(stack)
        stack.wait_for(lambda: "Running;" in stack.tail(50), 300, "running stack")
        log("starting the SQL endpoint (./assay serve)")
        started.append(start_sql_endpoint(settings, env))
        log(f"starting ./assay ingest --trigger {args.trigger} (Bronze and the metrics job)")
        ingest = ChildProcess("./assay ingest", [assay, "ingest", "--trigger", args.trigger], data / "ingest.log",
                              env=env, cwd=data)
        started.append(ingest)
        log("importing the dashboard and starting Superset")
        run_setup(settings)
        started.append(start_superset(settings))
        api = SupersetApi(settings.url, settings.admin_user, admin_password(settings))
        chart_id = api.charts_by_uuid()[LIVE_CHART]["id"]

        from pyhive import hive
        sql = hive.connect(host=settings.sql_host, port=settings.sql_port)

        log("warm-up burst (creates the tables and their catalog entries; not timed)")
        produce(assay, env, data, args.topic, args.events, seed=1000)
        wait_for_count(api, chart_id, args.topic, lambda n: n > 0, args.timeout_s * 2, args.poll_s)

        bursts = []
        for i in range(args.bursts):
            before = dead_lettered(api.chart_data(chart_id), args.topic)
            burst = produce(assay, env, data, args.topic, args.events, seed=2000 + i)
            seen_at, polls = wait_for_count(api, chart_id, args.topic, lambda n: n >= before + burst["records"],
                                            args.timeout_s, args.poll_s)
            bursts.append(measure(sql, burst, seen_at, polls, i + 1))
            log(f"burst {i + 1}: {burst['records']} dead letters visible after {bursts[-1]['latency_s']} s")
        report = summarize(bursts, args)
    finally:
        for child in reversed(started):
            child.stop()
    shutil.rmtree(data, ignore_errors=True)  # kept when a burst failed: its logs say why
    text = json.dumps(report, indent=2)
    print(text)
    if args.report:
        args.report.write_text(text + "\n")
    return 0


def produce(assay: str, env: dict, data: Path, topic: str, events: int, seed: int) -> dict:
    """One all-faulty burst; returns its ledger's in-Kafka records (the tag) and when the producer finished."""
    report_file = data / f"produce-{seed}.json"
    subprocess.run([assay, "produce", "--events", str(events), "--fault-rate", "1.0", "--topic", topic,
                    "--seed", str(seed), "--report", str(report_file)], env=env, cwd=data, check=True,
                   stdout=subprocess.DEVNULL)
    done_at = time.time()
    ledger_file = Path(json.loads(report_file.read_text())["ledger"]["file"])
    if not ledger_file.is_absolute():
        ledger_file = data / ledger_file
    entries = [json.loads(line) for line in ledger_file.read_text().splitlines() if line.strip()]
    in_kafka = [e for e in entries if e["outcome"] in ("sent_faulty", "sent_corrupt")]
    return {"run_id": entries[0]["run_id"], "topic": topic, "records": len(in_kafka), "produced_at": done_at,
            "offsets": [(e["partition"], e["offset"]) for e in in_kafka]}


def dead_lettered(rows: list[dict], topic: str) -> int:
    return sum(r["records"] for r in rows if r["series"] == f"{topic} dead-lettered")


def wait_for_count(api: SupersetApi, chart_id: int, topic: str, done, timeout_s: float, poll_s: float):
    deadline = time.monotonic() + timeout_s
    polls = 0
    while time.monotonic() < deadline:
        polls += 1
        try:
            count = dead_lettered(api.chart_data(chart_id), topic)
        except (requests.RequestException, RuntimeError) as e:  # a slow or failed poll is retried, not fatal
            log(f"chart-data poll failed, retrying: {e}")
            time.sleep(poll_s)
            continue
        if done(count):
            return time.time(), polls
        time.sleep(poll_s)
    raise TimeoutError(f"the live chart did not count the burst on {topic} within {timeout_s:.0f} s")


def measure(sql, burst: dict, seen_at: float, polls: int, number: int) -> dict:
    """Latency from the burst's last Kafka timestamp, split by the timestamps the tables keep."""
    tagged = " OR ".join(f"(source_partition = {p} AND source_offset = {o})" for p, o in burst["offsets"])
    where = f"source_topic = '{burst['topic']}' AND ({tagged})"
    cursor = sql.cursor()
    cursor.execute("SELECT CAST(unix_millis(MAX(kafka_timestamp)) AS BIGINT), CAST(unix_millis(MAX(ingested_at)) AS BIGINT), "
                   f"COUNT(*) FROM assay_bronze.bronze_dlq_audit WHERE {where}")
    kafka_ms, bronze_ms, found = cursor.fetchone()
    cursor.execute("SELECT CAST(unix_millis(MAX(updated_at)) AS BIGINT) FROM assay_ops.pipeline_metrics "
                   f"WHERE status = 'dead_letter' AND window_start <= timestamp_millis({kafka_ms}) "
                   f"AND window_end > timestamp_millis({kafka_ms})")
    (metrics_ms,) = cursor.fetchone()
    kafka_s, bronze_s, metrics_s = kafka_ms / 1000, bronze_ms / 1000, metrics_ms / 1000
    return {"burst": number, "producer_run": burst["run_id"], "dead_letters": burst["records"],
            "found_in_dead_letter_table": found, "latency_s": round(seen_at - kafka_s, 2),
            "kafka_to_bronze_s": round(bronze_s - kafka_s, 2), "bronze_to_metrics_s": round(metrics_s - bronze_s, 2),
            "metrics_to_chart_s": round(seen_at - metrics_s, 2), "chart_polls": polls}


def summarize(bursts: list[dict], args) -> dict:
    latencies = sorted(b["latency_s"] for b in bursts)
    p95 = percentile(latencies, 0.95)
    return {"benchmark": "freshness", "bursts": len(bursts), "events_per_burst": args.events, "topic": args.topic,
            "trigger": args.trigger, "poll_s": args.poll_s, "p50_s": round(percentile(latencies, 0.5), 2),
            "p95_s": round(p95, 2), "max_s": latencies[-1], "target_p95_s": TARGET_P95_S,
            "target_met": p95 <= TARGET_P95_S, "per_burst": bursts,
            "mean_split_s": {k: round(statistics.mean(b[k] for b in bursts), 2)
                             for k in ("kafka_to_bronze_s", "bronze_to_metrics_s", "metrics_to_chart_s")}}


def percentile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    position = (len(sorted_values) - 1) * q
    low, high = int(position), min(int(position) + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def log(message: str) -> None:
    print(f"assay bench freshness: {message}", file=sys.stderr, flush=True)


