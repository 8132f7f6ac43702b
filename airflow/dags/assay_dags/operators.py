"""The spark-submit of Assay's jar, telling a failed gate (data, never retried) from a crash (retried)."""

from __future__ import annotations

import re
from typing import Any

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk.exceptions import AirflowException, AirflowFailException

from assay_dags import settings

# CheckOutcome.describe(): "FAILED bronze_payments.amount_non_negative: observed 0.99, expected 1.0"
_FAILED_CHECK = re.compile(r"\bFAILED\s+([A-Za-z0-9_]+\.[A-Za-z0-9_]+): (observed .*)")


class GateFailed(AirflowFailException):
    """An error-level contract check failed: the run stopped before promoting anything of that layer."""

    def __init__(self, task_id: str, failed_checks: list[str], details: list[str]):
        self.task_id = task_id
        self.failed_checks = failed_checks
        self.details = details
        lines = "\n".join(f"  {d}" for d in details) or "  (see the task log above)"
        super().__init__(
            f"{task_id}: contract gate failed, nothing from that layer onwards was promoted "
            f"(not retried: the data must be fixed). Failed checks: {', '.join(failed_checks) or 'unknown'}\n{lines}"
        )

    def __reduce__(self):  # picklable with its own arguments, should Airflow ship it between processes
        return GateFailed, (self.task_id, self.failed_checks, self.details)


class AssaySparkSubmitOperator(SparkSubmitOperator):
    """Submits ``cli/target/assay-spark.jar`` with an Assay command line (e.g. ``["transform"]``)."""

    def __init__(self, *, assay_args: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("conn_id", settings.conn_id())
        kwargs.setdefault("name", f"assay-{kwargs['task_id']}")
        # Spark's events get the Airflow task run as their OpenLineage parent: one DAG run, one graph.
        kwargs.setdefault("openlineage_inject_parent_job_info", True)
        super().__init__(
            application=settings.default_jar(),
            java_class=settings.MAIN_CLASS,
            application_args=list(assay_args),
            conf=settings.default_spark_conf(),
            env_vars=settings.assay_environment(),
            **kwargs,
        )

    def execute(self, context: Any) -> None:
        jar, conf, env = settings.runtime_overrides()
        self.application = jar or self.application
        self.conf = {**settings.driver_classpath(self.application), **(self.conf or {}), **conf}
        self.env_vars = {**(self.env_vars or {}), **env}
        try:
            return super().execute(context)
        except AirflowException as error:
            if isinstance(error, AirflowFailException) or self._exit_code() != settings.EXIT_GATE_FAILED:
                raise
            checks, details = self._failed_checks()
            raise GateFailed(self.task_id, checks, details) from error

    def _exit_code(self) -> int | None:
        process = getattr(self._hook, "_submit_sp", None)
        return None if process is None else process.returncode

    def _failed_checks(self) -> tuple[list[str], list[str]]:
        checks: list[str] = []
        details: list[str] = []
        for line in getattr(self._hook, "_last_submit_log_lines", []) or []:
            match = _FAILED_CHECK.search(line)
            if match and match.group(1) not in checks:
                checks.append(match.group(1))
                details.append(f"{match.group(1)}: {match.group(2)}")
        return checks, details
