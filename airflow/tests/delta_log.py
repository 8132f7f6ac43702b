"""Just enough of the Delta log to check a test's lake from Python: versions and the rows of an append-only table."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq


def version(table: Path) -> int:
    """The table's latest commit version."""
    commits = sorted((table / "_delta_log").glob("*.json"))
    assert commits, f"{table} is not a Delta table"
    return int(commits[-1].stem)


def rows(table: Path) -> list[dict]:
    """Every row of the table's current files (adds not removed since); fine for append-only tables."""
    live: dict[str, bool] = {}
    for commit in sorted((table / "_delta_log").glob("*.json")):
        for line in commit.read_text().splitlines():
            action = json.loads(line)
            if "add" in action:
                live[action["add"]["path"]] = True
            elif "remove" in action:
                live.pop(action["remove"]["path"], None)
    found: list[dict] = []
    for path in live:
        found.extend(pq.read_table(table / path).to_pylist())
    return found
