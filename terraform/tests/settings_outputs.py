"""Terraform outputs against the settings they stand for: each root module's assay_<setting> outputs,
the README's Deploy table (setting | aws output | databricks output) and the typed configuration."""
from __future__ import annotations

import re
from pathlib import Path

import project_settings
from terraform_config import Module

DEPLOY_SECTION = "The settings of a cloud run, and where each comes from"


def deploy_table(readme: Path = project_settings.README) -> dict[str, dict[str, str]]:
    """setting -> {root module folder: output name}, from the README's Deploy table."""
    text = project_settings.markdown_section(DEPLOY_SECTION, readme)
    table = project_settings.table_with_header(text, "setting")
    roots = [project_settings.code_spans(h)[0].removeprefix("terraform/") for h in table[0][1:]]
    return {project_settings.code_spans(row[0])[0]: dict(zip(roots, (project_settings.code_spans(c)[0] for c in row[1:])))
            for row in table[1:]}


def local_only(readme: Path = project_settings.README) -> set[str]:
    """Settings the Deploy section names as defaulting to this machine but not read by a cloud run."""
    text = " ".join(project_settings.markdown_section(DEPLOY_SECTION, readme).split())
    m = re.search(r"those a cloud run does not read:(.*?)(?:\.\s|\.$)", text)
    assert m, "the Deploy section lists the local-only settings after 'those a cloud run does not read:'"
    return set(project_settings.code_spans(m.group(1)))


def output_problems(roots: dict[str, Module], readme: Path = project_settings.README,
                    typed: dict | None = None) -> list[str]:
    typed = project_settings.typed_settings() if typed is None else typed
    documented = project_settings.readme_settings(readme)
    table = deploy_table(readme)
    problems = []
    for folder, module in roots.items():
        outputs = {name for name in module.outputs if name.startswith("assay_")}
        for name in sorted(outputs):
            setting = name.upper()
            if setting not in typed:
                problems.append(f"{folder}: output {name} has no setting {setting} in the typed configuration")
            if setting not in documented:
                problems.append(f"{folder}: output {name} has no setting {setting} in the README's configuration table")
            if f'local.assay_settings["{setting}"]' not in str(module.outputs[name].get("value")):
                problems.append(f"{folder}: output {name} does not show local.assay_settings[\"{setting}\"]")
        listed = {row[folder] for row in table.values() if folder in row}
        problems += [f"{folder}: output {name} is not in the README's Deploy table" for name in sorted(outputs - listed)]
        problems += [f"{folder}: the README's Deploy table names output {name}, which {folder} lacks" for name in sorted(listed - outputs)]
        given = set(module.locals.get("assay_settings", {}))
        problems += [f"{folder}: {s} has an output but is not in local.assay_settings" for s in sorted(set(table) - given)]
    for setting, row in table.items():
        if setting not in typed or setting not in documented:
            problems.append(f"the Deploy table's {setting} is not a setting of both the typed configuration and the README")
        problems += [f"the Deploy table maps {setting} to {output} in {folder}, not to {setting.lower()}"
                     for folder, output in row.items() if output != setting.lower()]
        problems += [f"the Deploy table has no {folder} output for {setting}" for folder in roots if folder not in row]
    exempt = local_only(readme)
    for setting in typed.values():
        if setting.defaults_to_this_machine and setting.name not in table and setting.name not in exempt:
            problems.append(f"{setting.name} defaults to this machine ({setting.default_source}) but no Terraform output "
                            "sets it: add outputs and a Deploy-table row, or list it in the README among those a cloud run does not read")
    problems += [f"the README lists {name} among the settings a cloud run does not read, but the typed configuration has no such setting"
                 for name in sorted(exempt - set(typed))]
    return problems
