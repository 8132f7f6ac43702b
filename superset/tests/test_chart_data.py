"""Every chart's data through Superset's API, against Gold, the dead-letter table and the producers' ledger."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from decimal import Decimal

import pytest
import yaml

from assay_superset.bundle import DASHBOARD_SLUG

CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def charts(api, superset) -> dict[str, int]:
    """Chart ids by slice name, for the charts in the bundle."""
    names = {yaml.safe_load(p.read_text())["uuid"]: p for p in (superset.bundle_dir / "charts").glob("*.yaml")}
    listed = api.charts_by_uuid()
    assert set(names) <= set(listed), "every chart of the bundle was imported"
    return {listed[uuid]["slice_name"]: listed[uuid]["id"] for uuid in names}


def test_dashboard_holds_every_chart(api, charts):
    dashboard = api.dashboard(DASHBOARD_SLUG)
    assert dashboard["dashboard_title"].startswith("Assay")
    assert len(charts) == 8


def test_every_chart_returns_rows(api, charts):
    empty = [name for name, chart_id in charts.items() if not api.chart_data(chart_id)]
    assert not empty, f"charts without data: {empty}"


def test_revenue_chart_equals_gold_and_the_ledger_to_the_cent(api, charts, hive, ledger):
    rows = api.chart_data(charts["Daily gross revenue by currency"])
    chart = {(_day(r["order_date"]), r["currency"]): _money(r["gross_revenue"]) for r in rows}

    cursor = hive.cursor()
    cursor.execute("SELECT CAST(order_date AS STRING), currency, CAST(gross_revenue AS STRING) "
                   "FROM assay_gold.gold_daily_order_revenue")
    gold = {(day, currency): Decimal(amount) for day, currency, amount in cursor.fetchall()}

    # The demo replays the dead letters its relaxed contract recovers: those orders reach Gold too.
    cursor.execute("SELECT _source_partition, _source_offset FROM assay_bronze.bronze_orders "
                   "WHERE _replay_run_id IS NOT NULL")
    replayed = {(int(partition), int(offset)) for partition, offset in cursor.fetchall()}
    expected = Counter()
    for entry in ledger:
        if entry["topic"] == "orders" and (entry["outcome"] == "sent"
                                           or (entry["partition"], entry["offset"]) in replayed):
            day = datetime.fromisoformat(entry["event_time"]).astimezone(timezone.utc).date().isoformat()
            expected[(day, entry["dimensions"]["currency"])] += Decimal(entry["amount"])

    assert gold == dict(expected), "Gold differs from the ledger"
    assert chart == gold, "the revenue chart differs from Gold"


def test_violations_chart_equals_the_dead_letter_table_per_category(api, charts, hive, ledger):
    rows = api.chart_data(charts["Contract violations by topic and category"])
    by_topic_category = {(r["source_topic"], r["category"]): r["dead_letters"] for r in rows}
    per_category = Counter()
    for (_, category), count in by_topic_category.items():
        per_category[category] += count

    cursor = hive.cursor()
    cursor.execute("SELECT source_topic, category, COUNT(*) FROM assay_bronze.bronze_dlq_audit "
                   "GROUP BY source_topic, category")
    table = {(topic, category): count for topic, category, count in cursor.fetchall()}
    assert by_topic_category == table

    cursor.execute("SELECT category, COUNT(*) FROM assay_bronze.bronze_dlq_audit GROUP BY category")
    assert dict(per_category) == dict(cursor.fetchall())

    faulty = Counter(e["expected_category"] for e in ledger
                     if e["outcome"] in ("sent_faulty", "sent_corrupt") and e.get("expected_category"))
    assert dict(per_category) == dict(faulty), "dead letters per category differ from the faults the producers sent"

    breakdown = api.chart_data(charts["Dead-letter category breakdown"])
    assert {r["category"]: r["dead_letters"] for r in breakdown} == dict(per_category)


def test_live_chart_counts_every_record_in_kafka(api, charts, ledger):
    rows = api.chart_data(charts["Valid vs dead-lettered events per minute"])
    total = sum(r["records"] for r in rows)
    in_kafka = sum(1 for e in ledger if e["outcome"] in ("sent", "sent_faulty", "sent_corrupt"))
    assert total == in_kafka


def test_failed_or_warned_checks_show_observed_and_expected(api, charts):
    rows = api.chart_data(charts["Latest failed or warned checks"])
    assert rows and all(r["status"] in ("FAILED", "WARNED") for r in rows)
    assert all(r["observed"] is not None and r["bound"] is not None for r in rows)


def _day(value) -> str:
    if isinstance(value, (int, float)):  # epoch milliseconds, UTC
        return datetime.fromtimestamp(value / 1000, tz=timezone.utc).date().isoformat()
    return str(value)[:10]


def _money(value) -> Decimal:
    amount = Decimal(str(value))
    assert amount == amount.quantize(CENT), f"{value} is not a whole number of cents"
    return amount
