"""Apply Alembic migrations from code (the run command and the CLI use this)."""

from __future__ import annotations

from alembic.config import Config

from alembic import command
from castyou.settings import ROOT_DIR, get_settings


def alembic_config(database_url: str | None = None) -> Config:
    config = Config(str(ROOT_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT_DIR / "alembic"))
    config.attributes["database_url"] = database_url or get_settings().database_url
    return config


def upgrade_to_head(database_url: str | None = None) -> None:
    """Bring the database schema up to the newest migration."""
    command.upgrade(alembic_config(database_url), "head")
