"""Superset configuration for Assay (SUPERSET_CONFIG_PATH points here).

Everything Superset keeps (metadata database, secret key) lives in ASSAY_SUPERSET_HOME, a folder under
Assay's data folder that the setup module creates; this file only reads it.
"""
import os
from pathlib import Path

_home = Path(os.environ["ASSAY_SUPERSET_HOME"])

SECRET_KEY = (_home / "secret-key").read_text().strip()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_home / 'superset.db'}"

# Chart data is never cached: the live charts must show what the lake holds now (freshness bench).
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}

# A Spark Thrift query can take a while on a cold lake or a busy machine; the browser waits this long too.
SUPERSET_WEBSERVER_TIMEOUT = 300
SQLLAB_TIMEOUT = 300

# The dashboard shows only Assay's tables; no example data, no telemetry.
# Render every chart, not only those scrolled into view: the screenshot and the tests see the whole dashboard.
FEATURE_FLAGS = {"DASHBOARD_RBAC": False, "DASHBOARD_VIRTUALIZATION": False}
SCHEDULED_QUERIES = {}
LOG_LEVEL = os.environ.get("ASSAY_SUPERSET_LOG_LEVEL", "WARNING")
