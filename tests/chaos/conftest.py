"""Chaos fixtures: a fresh database of each kind and the app process around it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.chaos.harness import AppProcess, add_users, app_env, cli

USERS = 16


@dataclass
class Setup:
    database_url: str
    env: dict[str, str]
    app: AppProcess
    user_ids: list[int]


def postgres_url() -> str:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("PostgreSQL chaos needs TEST_DATABASE_URL (not set)")
    url = make_url(base)
    name = f"{url.database}_chaos"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        pytest.skip(f"PostgreSQL at TEST_DATABASE_URL is not usable: {error}")
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("several workers share state through Redis: REDIS_URL is not set")
    return url


def make_setup(database_url: str, workdir: Path, **extra: str) -> Setup:
    env = app_env(database_url, workdir, **extra)
    migrated = cli(env, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    return Setup(database_url, env, AppProcess(env, workdir), add_users(database_url, USERS))


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def sqlite_setup(workdir: Path) -> Iterator[Setup]:
    (workdir / "db").mkdir()
    setup = make_setup(f"sqlite:///{workdir / 'db' / 'chaos.db'}", workdir)
    yield setup
    setup.app.kill()


@pytest.fixture
def postgres_setup(workdir: Path) -> Iterator[Setup]:
    setup = make_setup(postgres_url(), workdir)
    yield setup
    setup.app.kill()
