"""`./assay dashboard`: the SQL endpoint and Superset with Assay's dashboard, until Ctrl-C."""
from __future__ import annotations

import argparse
import signal
import threading

from assay_superset.bundle import DASHBOARD_SLUG
from assay_superset.metadata import prepare_state_dir
from assay_superset.server import run_setup, start_sql_endpoint, start_superset
from assay_superset.settings import LOOPBACK, SupersetSettings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="assay dashboard", description=(
        "Start Assay's SQL endpoint and Superset with the dashboard from superset/bundle; Ctrl-C stops both."))
    parser.add_argument("--port", type=int, help="Superset's port (default ASSAY_SUPERSET_PORT or 8088)")
    parser.add_argument("--sql-port", type=int, help="the SQL endpoint's port (default ASSAY_SQL_PORT or 10000)")
    parser.add_argument("--no-serve", action="store_true",
                        help="use an SQL endpoint that is already running (./assay serve) instead of starting one")
    args = parser.parse_args(argv)
    settings = SupersetSettings.from_env().with_ports(args.port, args.sql_port)
    if settings.host not in LOOPBACK:
        print(f"assay dashboard: Superset listens on {settings.host}: anyone who can reach it sees the login page;"
              " only the admin's password (shown once, stored in the data folder) lets them in")

    generated = prepare_state_dir(settings)
    started = []
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        if not args.no_serve:
            print(f"assay dashboard: starting the SQL endpoint on {settings.sql_host}:{settings.sql_port}...", flush=True)
            started.append(start_sql_endpoint(settings))
        print("assay dashboard: preparing Superset's metadata and importing superset/bundle...", flush=True)
        run_setup(settings)
        print(f"assay dashboard: starting Superset on {settings.url} ({settings.workers} workers)...", flush=True)
        started.append(start_superset(settings))
        print(f"Dashboard:        {settings.url}/superset/dashboard/{DASHBOARD_SLUG}/")
        print(f"Log in as:        {settings.admin_user}")
        if generated:
            print(f"Password:         {generated}   (generated once; kept in {settings.state_dir / 'admin-password'})")
        elif settings.admin_password:
            print("Password:         from ASSAY_SUPERSET_ADMIN_PASSWORD")
        else:
            print(f"Password:         in {settings.state_dir / 'admin-password'}")
        print(f"SQL endpoint:     {settings.sqlalchemy_uri}")
        print("Running; Ctrl-C stops.", flush=True)
        while not stop.wait(1):
            for child in started:
                if not child.alive():
                    print(f"assay dashboard: {child.name} stopped; see {child.log}")
                    return 1
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        for child in reversed(started):
            child.stop()
