"""Chaos fixtures: a fresh database of each kind and the app process around it."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.chaos.harness import AppProcess, add_users, app_env, cli

USERS = 400  # at least the awards one database receives (one hire reward a day each)


@dataclass
class Setup:
    database_url: str
    env: dict[str, str]
    app: AppProcess
    user_ids: list[int]


def _admin(url):  # type: ignore[no-untyped-def]
    return create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")


def _recreate(url, name: str, template: str | None = None) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            copy = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    finally:
        admin.dispose()


@functools.cache
def _postgres_template() -> str:
    """A migrated database, made once per session; each test copies it (fast)."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("PostgreSQL chaos needs TEST_DATABASE_URL (not set)")
    url = make_url(base)
    template = f"{url.database}_chaos_template"
    try:
        _recreate(url, template)
    except Exception as error:
        pytest.skip(f"PostgreSQL at TEST_DATABASE_URL is not usable: {error}")
    rendered = url.set(database=template).render_as_string(hide_password=False)
    _migrate(rendered)
    return template


def postgres_url() -> str:
    """A fresh, migrated PostgreSQL database for one test."""
    template = _postgres_template()
    url = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"{url.database}_chaos"
    _recreate(url, name, template)
    return url.set(database=name).render_as_string(hide_password=False)


@functools.cache
def _sqlite_template() -> Path:
    path = Path(tempfile.mkdtemp(prefix="castyou-chaos-")) / "template.db"
    _migrate(f"sqlite:///{path}")
    return path


def sqlite_url(path: Path) -> str:
    """A fresh, migrated SQLite database at ``path``."""
    shutil.copyfile(_sqlite_template(), path)
    return f"sqlite:///{path}"


def _migrate(database_url: str) -> None:
    migrated = cli(app_env(database_url, Path(tempfile.gettempdir())), "migrate")
    assert migrated.returncode == 0, migrated.stderr


def redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("several workers share state through Redis: REDIS_URL is not set")
    return url


def make_setup(database_url: str, workdir: Path, **extra: str) -> Setup:
    """The app's environment and process for an already migrated database."""
    env = app_env(database_url, workdir, **extra)
    return Setup(database_url, env, AppProcess(env, workdir), add_users(database_url, USERS))


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def sqlite_setup(workdir: Path) -> Iterator[Setup]:
    (workdir / "db").mkdir()
    setup = make_setup(sqlite_url(workdir / "db" / "chaos.db"), workdir)
    yield setup
    setup.app.kill()


@pytest.fixture
def postgres_setup(workdir: Path) -> Iterator[Setup]:
    setup = make_setup(postgres_url(), workdir)
    yield setup
    setup.app.kill()
