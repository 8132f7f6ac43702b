"""The dashboard bundle: superset/bundle/ in Superset's own export format, read for import or zipped."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import yaml

DATABASE_NAME = "Assay lake"
DASHBOARD_SLUG = "assay-pipeline-health"


def read_bundle(bundle_dir: Path, sqlalchemy_uri: str) -> dict[str, str]:
    """Every YAML file of the bundle by its path inside the bundle, the database pointed at the endpoint."""
    contents = {str(p.relative_to(bundle_dir)): p.read_text() for p in sorted(bundle_dir.rglob("*.yaml"))}
    if "metadata.yaml" not in contents:
        raise FileNotFoundError(f"{bundle_dir} is not a Superset bundle: metadata.yaml is missing")
    for name, text in contents.items():
        if name.startswith("databases/"):
            database = yaml.safe_load(text)
            database["sqlalchemy_uri"] = sqlalchemy_uri
            contents[name] = yaml.safe_dump(database, sort_keys=False)
    return contents


def as_assets(contents: dict[str, str]) -> dict[str, str]:
    """The same files declared as an 'assets' export, which Superset imports overwriting everything."""
    metadata = yaml.safe_load(contents["metadata.yaml"])
    metadata["type"] = "assets"
    return {**contents, "metadata.yaml": yaml.safe_dump(metadata, sort_keys=False)}


def zip_bundle(contents: dict[str, str], root: str = "assay_dashboard") -> bytes:
    """A zip that `superset import-dashboards -p` and the UI's dashboard import accept."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in contents.items():
            archive.writestr(f"{root}/{name}", text)
    return buffer.getvalue()
