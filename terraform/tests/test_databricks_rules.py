"""terraform/databricks: described variables and outputs, names from variables, a jar task per command on
a Spark 3.5 runtime, credentials only as secret-scope references."""
import re

from terraform_checks import description_problems, literal_name_problems
from terraform_config import TERRAFORM, blocks, load_module

DATABRICKS = load_module(TERRAFORM / "databricks")


def test_databricks_keeps_the_naming_and_description_rules():
    assert description_problems(DATABRICKS) + literal_name_problems(DATABRICKS) == []


def test_jobs_run_the_jar_main_class_for_ingest_transform_and_gate():
    job = DATABRICKS.of_type("databricks_job")["assay"]
    (task,) = blocks(job, "task")
    assert task["spark_jar_task"][0]["main_class_name"] == "io.assay.cli.Assay"
    assert task["library"][0]["jar"] == "${var.jar_path}"
    jobs_local = (TERRAFORM / "databricks/jobs.tf").read_text()
    for command in ('["ingest", "--trigger"', '["ingest", "--available-now"]', '["transform"]', '["gate", "--layer", "all"]'):
        assert command in jobs_local


def test_job_clusters_run_spark_3_5_with_scala_2_12():
    runtime = DATABRICKS.variables["spark_version"]["default"]
    major, minor = (int(x) for x in re.match(r"(\d+)\.(\d+)", runtime).groups())
    # Databricks runtimes 14.x to 16.x carry Spark 3.5 (16 defaults to JDK 17, which the jar needs); 17 is Spark 4.
    assert 16 <= major <= 16 and runtime.endswith("scala2.12"), runtime
    cluster = DATABRICKS.of_type("databricks_job")["assay"]["job_cluster"][0]["new_cluster"][0]
    assert cluster["spark_version"] == "${var.spark_version}"
    assert "local.assay_settings" in cluster["spark_env_vars"]


def test_credentials_are_secret_scope_references():
    secrets = (TERRAFORM / "databricks/secrets.tf").read_text()
    assert "{{secrets/${databricks_secret_scope.assay.name}/${var.secret_keys[setting]}}}" in secrets
    assert DATABRICKS.variables["secret_values"].get("sensitive") is True
    secret = DATABRICKS.of_type("databricks_secret")["credential"]
    assert "var.write_secret_values" in secret["for_each"], "no value in the state unless asked"
