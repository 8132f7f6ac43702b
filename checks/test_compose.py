"""docker-compose.yml agrees with the README's Docker Compose table and the typed configuration; each
rule is also shown failing on a deliberately broken copy."""
import copy

import pytest

import compose_checks
import project_settings


@pytest.fixture
def compose():
    return compose_checks.load()


def test_compose_agrees_with_readme_and_typed_configuration(compose):
    assert compose_checks.problems(compose) == []


def test_the_stack_has_its_parts(compose):
    services = compose["services"]
    assert {"kafka", "schema-registry", "ingest"} <= set(services)
    ingest = services["ingest"]
    assert ingest["image"].startswith("apache/spark:3.5.")
    command = ingest["command"]
    assert command[command.index("--class") + 1] == "io.assay.cli.Assay" and "ingest" in command
    assert any(v.startswith("./cli/target/assay-spark.jar:") for v in ingest["volumes"])
    assert compose["services"]["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"  # KRaft
    sql = services["sql"]
    assert sql["command"][-1] == "serve" and sql["image"] == ingest["image"]
    # Bound beyond loopback inside its container, so never without a login; one owner for the metastore.
    assert sql["environment"]["ASSAY_SQL_PASSWORD"].startswith("${ASSAY_SQL_PASSWORD:?")
    assert ingest["environment"]["ASSAY_CATALOG"] == "none" and sql["environment"]["ASSAY_CATALOG"] == "local"
    superset = services["superset"]
    assert superset["build"]["dockerfile"] == "superset/Dockerfile"
    assert superset["environment"]["ASSAY_SQL_HOST"] == "sql"
    assert superset["environment"]["ASSAY_SQL_PASSWORD"] == sql["environment"]["ASSAY_SQL_PASSWORD"]
    airflow = services["airflow"]
    assert airflow["build"]["dockerfile"] == "airflow/Dockerfile"
    assert airflow["environment"]["AIRFLOW__CORE__DAGS_FOLDER"] == "/opt/assay/airflow/dags"
    assert any(v.endswith(":" + airflow["environment"]["ASSAY_SPARK_JAR"] + ":ro") for v in airflow["volumes"])


def test_a_port_differing_from_the_readme_is_caught(compose):
    broken = copy.deepcopy(compose)
    broken["services"]["schema-registry"]["ports"] = ["127.0.0.1:18081:8081"]
    assert "service schema-registry publishes ['127.0.0.1:18081'], the README says 127.0.0.1:8081" in compose_checks.problems(broken)


def test_a_readme_port_differing_from_the_setting_default_is_caught(tmp_path, compose):
    readme = tmp_path / "README.md"
    readme.write_text(project_settings.README.read_text().replace(
        "| `kafka` | `apache/kafka:3.9.1` | `127.0.0.1:9092` |", "| `kafka` | `apache/kafka:3.9.1` | `127.0.0.1:19092` |"))
    broken = copy.deepcopy(compose)
    broken["services"]["kafka"]["ports"] = ["127.0.0.1:19092:9092"]
    assert ("service kafka is on port 127.0.0.1:19092, but ASSAY_KAFKA_PORT defaults to 9092 (typed configuration) "
            "and 9092 (README)") in compose_checks.problems(broken, readme)


def test_a_port_open_to_every_address_is_caught(compose):
    broken = copy.deepcopy(compose)
    broken["services"]["kafka"]["ports"] = ["9092:9092"]
    assert "service kafka publishes 9092 on every address, not 127.0.0.1" in compose_checks.problems(broken)


def test_unknown_settings_and_addresses_are_caught(compose):
    broken = copy.deepcopy(compose)
    env = broken["services"]["ingest"]["environment"]
    env["ASSAY_KAFKA_BOOTSTRAP_SERVERS"] = "kafka:19092"
    env["ASSAY_REGISTRY_URL"] = "http://registry:8081"
    env["ASSAY_KAFKA_BOOTSTRAP"] = "kafka:29092"
    problems = compose_checks.problems(broken)
    assert "service ingest sets ASSAY_KAFKA_BOOTSTRAP_SERVERS, which is not in the README's configuration table" in problems
    assert "service ingest: ASSAY_REGISTRY_URL=http://registry:8081 names registry, which is not a service" in problems
    assert "service ingest: ASSAY_KAFKA_BOOTSTRAP=kafka:29092, but kafka does not listen on 29092" in problems


def test_health_checks_conditions_and_the_lake_volume_are_required(compose):
    broken = copy.deepcopy(compose)
    del broken["services"]["schema-registry"]["healthcheck"]
    broken["services"]["ingest"]["depends_on"] = ["kafka", "schema-registry"]
    broken["services"]["ingest"]["environment"]["ASSAY_DATA_DIR"] = "/tmp/data"
    problems = compose_checks.problems(broken)
    assert "service schema-registry has no health check" in problems
    assert "service ingest lists depends_on without conditions" in problems
    assert "service ingest: ASSAY_DATA_DIR=/tmp/data (and so the lake) is not inside the lake volume" in problems


def test_a_service_missing_from_the_readme_is_caught(compose):
    broken = copy.deepcopy(compose)
    broken["services"]["marquez"] = {"image": "marquezproject/marquez", "ports": ["127.0.0.1:5000:5000"]}
    assert "service marquez is in docker-compose.yml but not in the README's table" in compose_checks.problems(broken)
