"""Starts the pieces behind the dashboard: Assay's SQL endpoint and Superset's web server."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from assay_superset.processes import ChildProcess, http_status, port_open
from assay_superset.settings import SupersetSettings

SUPERSET_DIR = Path(__file__).resolve().parents[1]


def superset_env(settings: SupersetSettings) -> dict[str, str]:
    """The environment Superset's processes need: its config file, state folder and this package."""
    env = dict(os.environ)
    env["SUPERSET_CONFIG_PATH"] = str(Path(__file__).with_name("superset_config.py"))
    env["ASSAY_SUPERSET_HOME"] = str(settings.state_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SUPERSET_DIR), env.get("PYTHONPATH")]))
    env["FLASK_APP"] = "superset.app:create_app()"
    return env


def run_setup(settings: SupersetSettings) -> None:
    """Metadata, admin and bundle import, in a process of its own (Superset's app is heavy and global)."""
    import subprocess

    env = superset_env(settings)
    env.update(_settings_env(settings))
    subprocess.run([sys.executable, "-m", "assay_superset", "setup"], env=env, check=True)


def start_superset(settings: SupersetSettings) -> ChildProcess:
    """Superset behind gunicorn (a few threaded workers); returns once its login page answers 200."""
    command = [sys.executable, "-m", "gunicorn", "--workers", str(settings.workers), "--worker-class", "gthread",
               "--threads", "8", "--timeout", "300", "--bind", f"{settings.host}:{settings.port}",
               "--limit-request-line", "0", "--limit-request-field_size", "0", "--no-control-socket",
               "superset.app:create_app()"]
    child = ChildProcess("superset", command, settings.state_dir / "superset.log", env=superset_env(settings))
    # /health answers 200 even when the app cannot render pages: wait for the login page itself.
    child.wait_for(lambda: http_status(f"{settings.url}/login/") == 200, 240, "login page")
    return child


def start_sql_endpoint(settings: SupersetSettings, env: dict[str, str] | None = None) -> ChildProcess:
    """`./assay serve` on the configured port; returns once it accepts connections."""
    command = [str(settings.assay_home / "assay"), "serve", "--port", str(settings.sql_port)]
    if settings.sql_host not in ("127.0.0.1", "localhost"):
        command += ["--host", settings.sql_host]
    # Hive's Thrift service reads these two variables before its configuration; setting them makes the
    # endpoint bind where asked even if the session's hive.server2.thrift.* settings do not reach it.
    env = {**(env or os.environ), "HIVE_SERVER2_THRIFT_PORT": str(settings.sql_port),
           "HIVE_SERVER2_THRIFT_BIND_HOST": settings.sql_host}
    child = ChildProcess("SQL endpoint (./assay serve)", command, settings.state_dir / "sql-endpoint.log",
                         env=env, cwd=Path.cwd())
    child.wait_for(lambda: port_open(settings.sql_host, settings.sql_port) and _serving(child), 600,
                   "listening SQL endpoint")
    return child


def _serving(child: ChildProcess) -> bool:
    return re.search(r"^SQL endpoint:", child.tail(200), re.MULTILINE) is not None


def _settings_env(settings: SupersetSettings) -> dict[str, str]:
    return {"ASSAY_HOME": str(settings.assay_home), "ASSAY_DATA_DIR": str(settings.data_dir),
            "ASSAY_SUPERSET_PORT": str(settings.port), "ASSAY_SUPERSET_HOST": settings.host,
            "ASSAY_SQL_HOST": settings.sql_host, "ASSAY_SQL_PORT": str(settings.sql_port),
            "ASSAY_SUPERSET_ADMIN_USER": settings.admin_user,
            **({"ASSAY_SUPERSET_ADMIN_PASSWORD": settings.admin_password} if settings.admin_password else {})}
