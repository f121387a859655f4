"""Alembic builds the schema on SQLite and PostgreSQL, with no drift from the models."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError

from alembic import command
from castyou.migrations import alembic_config


def _admin_statement(statement: str) -> None:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (not set)")
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(statement))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def migrated_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'migrated.db'}"
    else:
        name = f"castyou_migrations_{uuid.uuid4().hex[:8]}"
        _admin_statement(f"CREATE DATABASE {name}")
        base = os.environ["TEST_DATABASE_URL"]
        url = make_url(base).set(database=name).render_as_string(hide_password=False)
        request.addfinalizer(
            lambda: _admin_statement(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        )
    command.upgrade(alembic_config(url), "head")
    return url


def test_upgrade_head_matches_models_and_downgrades(migrated_url):
    config = alembic_config(migrated_url)
    command.check(config)
    command.downgrade(config, "base")
    command.upgrade(config, "head")


def test_ledger_is_append_only_in_the_database(migrated_url):
    engine = create_engine(migrated_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (email, display_name, password_hash, role, language,"
                " referral_code, badge_early_adopter, created_at)"
                " VALUES ('a@b.test', 'A', 'x', 'TALENT', 'en', 'CODE1234', false,"
                " CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO castars_ledger (user_id, delta, reason, source, balance, created_at)"
                " SELECT id, 5, 'r', 'EARNED', 5, CURRENT_TIMESTAMP FROM users"
            )
        )
    for statement in ("UPDATE castars_ledger SET delta = 500", "DELETE FROM castars_ledger"):
        with pytest.raises(DatabaseError), engine.begin() as conn:
            conn.execute(text(statement))
    engine.dispose()
