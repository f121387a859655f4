"""Shared fixtures: real databases (SQLite always, PostgreSQL when reachable), states."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

import castyou.db as castyou_db
import castyou.models  # noqa: F401  (every table)
from castyou.db import make_engine, new_session
from castyou.settings import get_settings
from castyou.storage import get_storage
from tests.fake_stripe import FakeStripe, running_fake_stripe

os.environ.setdefault("CASTYOU_SECRET", "test-secret-" + "x" * 40)

_ENGINES: dict[str, Engine] = {}


def _postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


def _engine_for(kind: str, tmp_root: Path) -> Engine:
    if kind not in _ENGINES:
        if kind == "sqlite":
            engine = make_engine(f"sqlite:///{tmp_root / 'castyou-test.db'}")
        else:
            url = _postgres_url()
            if not url:
                pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (not set)")
            engine = make_engine(url, pool_size=20, max_overflow=10)
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
            except Exception as error:
                pytest.skip(f"PostgreSQL at TEST_DATABASE_URL is not reachable: {error}")
        SQLModel.metadata.drop_all(engine)
        SQLModel.metadata.create_all(engine)
        _ENGINES[kind] = engine
    return _ENGINES[kind]


def _wipe(engine: Engine) -> None:
    tables = [table.name for table in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Engine]:
    """A clean database of each kind; the app's ``get_engine`` points at it."""
    engine = _engine_for(request.param, tmp_path_factory.getbasetemp())
    _wipe(engine)
    monkeypatch.setattr(castyou_db, "get_engine", lambda: engine)
    yield engine


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    session = new_session(engine)
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripe]:
    """A local server answering like Stripe's API (see ``tests/fake_stripe.py``)."""
    with running_fake_stripe() as fake:
        yield fake


@pytest.fixture
def stripe_mode(fake_stripe: FakeStripe) -> Iterator[FakeStripe]:
    """Settings in Stripe mode, and every Stripe client the app builds talks to the fake."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STRIPE_SECRET_KEY", "sk_test_fake")
        patch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_test_fake")
        fake_stripe.route_every_client(patch)
        get_settings.cache_clear()
        yield fake_stripe
    # Cleared after the environment is restored, so no Stripe-mode settings linger.
    get_settings.cache_clear()


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_logged_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """Any ERROR the app logs during a test fails it (unless marked ``allow_error_logs``)."""
    collector = _ErrorCollector()
    logger = logging.getLogger("castyou")
    logger.addHandler(collector)
    yield
    logger.removeHandler(collector)
    if collector.records and not request.node.get_closest_marker("allow_error_logs"):
        messages = "; ".join(record.getMessage() for record in collector.records)
        pytest.fail(f"the app logged errors: {messages}")


@pytest.fixture
def uploads_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Uploaded files go to a fresh directory for the test."""
    root = tmp_path / "uploads"
    monkeypatch.setenv("CASTYOU_UPLOADS_DIR", str(root))
    get_settings.cache_clear()
    get_storage.cache_clear()
    yield root
    get_settings.cache_clear()
    get_storage.cache_clear()
