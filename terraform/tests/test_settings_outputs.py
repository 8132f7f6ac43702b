"""Every assay_* output is an ASSAY_* setting of the README and the typed configuration, one to one
with the README's Deploy table, in both root modules; every setting a cloud run must set has one."""
import shutil

import pytest

import project_settings
from settings_outputs import deploy_table, output_problems
from terraform_config import ROOT_MODULES, TERRAFORM, load_module


def roots(base=TERRAFORM):
    return {folder: load_module(base / folder) for folder in ROOT_MODULES}


@pytest.fixture
def terraform_copy(tmp_path):
    copy = tmp_path / "terraform"
    shutil.copytree(TERRAFORM, copy, ignore=shutil.ignore_patterns("tests", ".terraform*"))
    return copy


def test_outputs_match_the_settings():
    assert output_problems(roots()) == []


def test_the_deploy_table_covers_the_settings_a_cloud_run_needs():
    table = deploy_table()
    for setting in ("ASSAY_LAKE_ROOT", "ASSAY_CHECKPOINT_ROOT", "ASSAY_KAFKA_BOOTSTRAP", "ASSAY_REGISTRY_URL",
                    "ASSAY_KAFKA_API_SECRET", "ASSAY_REGISTRY_API_SECRET"):
        assert table[setting] == {"aws": setting.lower(), "databricks": setting.lower()}


def test_an_output_without_its_setting_is_caught(terraform_copy):
    with (terraform_copy / "aws/outputs.tf").open("a") as f:
        f.write('\noutput "assay_lake_bucket" {\n  description = "x"\n  value       = local.assay_settings["ASSAY_LAKE_BUCKET"]\n}\n')
    problems = output_problems(roots(terraform_copy))
    assert "aws: output assay_lake_bucket has no setting ASSAY_LAKE_BUCKET in the typed configuration" in problems
    assert "aws: output assay_lake_bucket has no setting ASSAY_LAKE_BUCKET in the README's configuration table" in problems
    assert "aws: output assay_lake_bucket is not in the README's Deploy table" in problems


def test_a_missing_output_is_caught(terraform_copy):
    outputs = terraform_copy / "databricks/outputs.tf"
    text = outputs.read_text()
    start = text.index('output "assay_registry_url"')
    outputs.write_text(text[:start] + text[text.index("output", start + 10):])
    assert ("databricks: the README's Deploy table names output assay_registry_url, which databricks lacks"
            in output_problems(roots(terraform_copy)))


def test_an_output_showing_another_setting_is_caught(terraform_copy):
    outputs = terraform_copy / "aws/outputs.tf"
    outputs.write_text(outputs.read_text().replace(
        'value       = local.assay_settings["ASSAY_CHECKPOINT_ROOT"]', 'value       = local.assay_settings["ASSAY_LAKE_ROOT"]'))
    assert ('aws: output assay_checkpoint_root does not show local.assay_settings["ASSAY_CHECKPOINT_ROOT"]'
            in output_problems(roots(terraform_copy)))


def test_a_local_default_without_an_output_is_caught(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("\n".join(line for line in project_settings.README.read_text().splitlines()
                                if not line.startswith("| `ASSAY_LAKE_ROOT` | `assay_lake_root`")))
    problems = output_problems(roots(), readme)
    assert any(p.startswith("ASSAY_LAKE_ROOT defaults to this machine") for p in problems)
    assert "aws: output assay_lake_root is not in the README's Deploy table" in problems


def test_a_local_only_setting_is_accepted_once_listed(tmp_path):
    typed = dict(project_settings.typed_settings())
    typed["ASSAY_METASTORE_DIR"] = project_settings.TypedSetting(
        "ASSAY_METASTORE_DIR", 'Path.of(env.get("ASSAY_DATA_DIR", "data"), "metastore").toString()')
    readme = tmp_path / "README.md"
    text = project_settings.README.read_text()
    readme.write_text(text)
    assert any(p.startswith("ASSAY_METASTORE_DIR defaults to this machine") for p in output_problems(roots(), readme, typed))
    readme.write_text(text.replace("a cloud run does not read: none so far.", "a cloud run does not read: `ASSAY_METASTORE_DIR`."))
    assert not any("ASSAY_METASTORE_DIR" in p for p in output_problems(roots(), readme, typed))
