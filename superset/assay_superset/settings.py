"""Where Superset runs and keeps its state, read once from the environment (the same variables as ./assay)."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class SupersetSettings:
    assay_home: Path          # the repository: ./assay and superset/bundle
    data_dir: Path            # Assay's data folder; Superset's state goes in <data>/superset
    host: str                 # where Superset listens
    port: int
    workers: int              # gunicorn worker processes (each ~300 MB)
    admin_user: str
    admin_password: str | None  # from ASSAY_SUPERSET_ADMIN_PASSWORD; generated and stored when absent
    sql_host: str             # Assay's SQL endpoint (./assay serve), as Superset reaches it
    sql_port: int
    sql_user: str | None      # ASSAY_SQL_USER / ASSAY_SQL_PASSWORD when the endpoint asks for them
    sql_password: str | None

    @staticmethod
    def from_env(env: dict[str, str] | None = None) -> "SupersetSettings":
        env = dict(os.environ if env is None else env)
        home = Path(env.get("ASSAY_HOME") or Path(__file__).resolve().parents[2])
        return SupersetSettings(
            assay_home=home,
            data_dir=Path(env.get("ASSAY_DATA_DIR", "data")).resolve(),
            host=env.get("ASSAY_SUPERSET_HOST", "127.0.0.1"),
            port=int(env.get("ASSAY_SUPERSET_PORT", "8088")),
            workers=int(env.get("ASSAY_SUPERSET_WORKERS", "2")),
            admin_user=env.get("ASSAY_SUPERSET_ADMIN_USER", "admin"),
            admin_password=env.get("ASSAY_SUPERSET_ADMIN_PASSWORD") or None,
            sql_host=env.get("ASSAY_SQL_HOST", "127.0.0.1"),
            sql_port=int(env.get("ASSAY_SQL_PORT", "10000")),
            sql_user=env.get("ASSAY_SQL_USER") or None,
            sql_password=env.get("ASSAY_SQL_PASSWORD") or None,
        )

    @property
    def state_dir(self) -> Path:
        return self.data_dir / "superset"

    @property
    def bundle_dir(self) -> Path:
        return self.assay_home / "superset" / "bundle"

    @property
    def url(self) -> str:
        shown = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        return f"http://{shown}:{self.port}"

    @property
    def sqlalchemy_uri(self) -> str:
        """PyHive's dialect (Superset's HiveEngineSpec); with credentials, HiveServer2's CUSTOM auth."""
        if self.sql_user:
            return f"hive://{self.sql_user}@{self.sql_host}:{self.sql_port}/default?auth=CUSTOM"
        return f"hive://{self.sql_host}:{self.sql_port}/default"

    def with_ports(self, port: int | None = None, sql_port: int | None = None) -> "SupersetSettings":
        return replace(self, port=self.port if port is None else port,
                       sql_port=self.sql_port if sql_port is None else sql_port)
