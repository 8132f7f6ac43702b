"""Superset's metadata for Assay: schema, roles, the admin user and the imported bundle.

Runs inside Superset's application (the 'superset' Python environment). Idempotent: a second run
upgrades nothing, keeps the admin (resetting the password to the configured one) and re-imports the
bundle over what is there, so the YAML in git stays the truth.
"""
from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from assay_superset.bundle import DATABASE_NAME, as_assets, read_bundle
from assay_superset.settings import SupersetSettings


def prepare_state_dir(settings: SupersetSettings) -> str | None:
    """Creates <data>/superset with its secret key and admin password; returns a newly generated password."""
    state = settings.state_dir
    state.mkdir(parents=True, exist_ok=True)
    _write_once(state / "secret-key", lambda: secrets.token_urlsafe(48))
    os.environ["ASSAY_SUPERSET_HOME"] = str(state)
    os.environ["SUPERSET_CONFIG_PATH"] = str(Path(__file__).with_name("superset_config.py"))
    if settings.admin_password:
        return None
    created = _write_once(state / "admin-password", lambda: secrets.token_urlsafe(12))
    return (state / "admin-password").read_text().strip() if created else None


def admin_password(settings: SupersetSettings) -> str:
    return settings.admin_password or (settings.state_dir / "admin-password").read_text().strip()


def setup(settings: SupersetSettings) -> dict[str, int]:
    """Upgrades the metadata database, syncs roles, ensures the admin, imports the bundle; returns ids by kind."""
    from superset.app import create_app

    database = settings.state_dir / "superset.db"
    template = _template(settings)
    fresh = not database.exists()
    if fresh and template.exists():
        shutil.copyfile(template, database)
    app = create_app()
    with app.app_context():
        _upgrade_schema()
        _sync_roles()
        if fresh and not template.exists():
            template.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(database, template)
        admin = _ensure_admin(settings)
        _import_bundle(settings, admin)
        return _ids()


def _template(settings: SupersetSettings) -> Path:
    """An empty, upgraded metadata database (no users, no assets), kept once per Superset version in Assay's
    cache: the ~200 schema migrations then run once per machine instead of once per fresh data folder."""
    from importlib.metadata import version

    cache = Path(os.environ.get("ASSAY_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "assay")
    return cache / "superset-metadata" / f"superset-{version('apache-superset')}.db"


def _upgrade_schema() -> None:
    import superset
    from flask_migrate import upgrade

    upgrade(directory=str(Path(superset.__file__).with_name("migrations")))


def _sync_roles() -> None:
    from superset import appbuilder, security_manager
    from superset.extensions import db

    appbuilder.add_permissions(update_perms=True)
    security_manager.sync_role_definitions()
    db.session.commit()


def _ensure_admin(settings: SupersetSettings):
    from superset import security_manager
    from superset.extensions import db

    password = admin_password(settings)
    user = security_manager.find_user(username=settings.admin_user)
    if user is None:
        user = security_manager.add_user(settings.admin_user, "Assay", "Admin", f"{settings.admin_user}@assay.local",
                                         security_manager.find_role("Admin"), password=password)
        if not user:
            raise RuntimeError(f"Superset refused to create the admin user '{settings.admin_user}'")
    else:
        security_manager.reset_password(user.id, password)
    db.session.commit()
    return user


def _import_bundle(settings: SupersetSettings, admin) -> None:
    from superset.commands.importers.v1.assets import ImportAssetsCommand
    from superset.utils.core import override_user

    contents = as_assets(read_bundle(settings.bundle_dir, settings.sqlalchemy_uri))
    passwords = {name: settings.sql_password for name in contents
                 if name.startswith("databases/") and settings.sql_password}
    with override_user(admin):
        ImportAssetsCommand(contents, passwords=passwords).run()


def _ids() -> dict[str, int]:
    from superset.extensions import db
    from superset.models.core import Database
    from superset.models.dashboard import Dashboard
    from superset.models.slice import Slice

    database = db.session.query(Database).filter_by(database_name=DATABASE_NAME).one()
    return {"database": database.id, "dashboards": db.session.query(Dashboard).count(),
            "charts": db.session.query(Slice).count()}


def _write_once(path: Path, make) -> bool:
    if path.exists():
        return False
    path.write_text(make() + "\n")
    path.chmod(0o600)
    return True
