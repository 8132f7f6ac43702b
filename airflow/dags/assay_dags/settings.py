"""Where Assay's DAGs get their settings.

At parse time only the environment is read (cheap, no database). At run time, Airflow Variables
override it, so an operator can repoint a deployment without editing the DAG files:

- Variable ``assay_spark_jar`` / env ``ASSAY_SPARK_JAR``: the shaded jar (a local path, ``s3://`` on EMR)
- env ``ASSAY_SPARK_CONN_ID`` (default ``spark_default``): the Spark connection (local, YARN, ...)
- Variable ``assay_spark_conf`` / env ``ASSAY_SPARK_CONF``: JSON object of extra Spark properties
- Variable ``assay_env`` (JSON object): ``ASSAY_*`` settings handed to the job; the worker's own
  ``ASSAY_*`` environment is passed as well (a Variable wins over the environment)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

MAIN_CLASS = "io.assay.cli.Assay"

# The jar's exit codes (io.assay.cli.commands.ExitCodes): a failed gate is data, not an outage.
EXIT_GATE_FAILED = 3

# Spark properties a local run needs; a cluster connection's own defaults win where they are set.
DEFAULT_SPARK_CONF = {
    "spark.driver.memory": "2g",
    "spark.sql.session.timeZone": "UTC",
}


def assay_home() -> Path:
    return Path(os.environ.get("ASSAY_HOME", Path(__file__).resolve().parents[3]))


def default_jar() -> str:
    return os.environ.get("ASSAY_SPARK_JAR", str(assay_home() / "cli" / "target" / "assay-spark.jar"))


def conn_id() -> str:
    return os.environ.get("ASSAY_SPARK_CONN_ID", "spark_default")


def default_spark_conf() -> dict[str, str]:
    return {**DEFAULT_SPARK_CONF, **_json_object(os.environ.get("ASSAY_SPARK_CONF"), "ASSAY_SPARK_CONF")}


def driver_classpath(jar: str) -> dict[str, str]:
    """The jar on the driver's own classpath too, when it is a local file.

    The local metastore's Derby client driver ships in the jar, and JDBC's DriverManager hands a driver
    to Hive only from the class loader that loaded Hive, not from spark-submit's application loader
    ("No suitable driver"). A jar on S3 (EMR, with Glue as catalog) needs no JDBC driver of its own.
    """
    return {"spark.driver.extraClassPath": jar} if Path(jar).is_file() else {}


def assay_environment() -> dict[str, str]:
    """The worker's ASSAY_* settings (and OpenWeatherMap's key), passed on to the Spark job."""
    return {k: v for k, v in os.environ.items() if k.startswith("ASSAY_") or k == "OPENWEATHER_API_KEY"}


def runtime_overrides() -> tuple[str | None, dict[str, str], dict[str, str]]:
    """Jar, Spark properties and ASSAY_* settings from Airflow Variables; read only when a task runs."""
    from airflow.sdk import Variable

    jar = Variable.get("assay_spark_jar", default=None)
    conf = _json_object(Variable.get("assay_spark_conf", default=None), "Variable assay_spark_conf")
    env = _json_object(Variable.get("assay_env", default=None), "Variable assay_env")
    return jar, conf, env


def _json_object(text: str | None, source: str) -> dict[str, str]:
    if not text:
        return {}
    value = json.loads(text) if isinstance(text, str) else text
    if not isinstance(value, dict):
        raise ValueError(f"{source} must be a JSON object of names to values, got {text!r}")
    return {str(k): str(v) for k, v in value.items()}
