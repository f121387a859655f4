"""Database engine, sessions and transactions.

SQLite (the embedded default) runs in WAL mode with a busy timeout, and every
transaction opened through :func:`transaction` starts with ``BEGIN IMMEDIATE`` so
concurrent writers queue for the lock instead of failing with "database is locked".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from castyou.settings import DATA_DIR, get_settings

SQLITE_BUSY_TIMEOUT_MS = 30_000
_WRITE_OPTION = "castyou_write"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Build an engine with CasTyou's connection rules for SQLite or PostgreSQL."""
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and ":memory:" not in url:
            DATA_DIR.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            **kwargs,
        )
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_size", 20)
    kwargs.setdefault("max_overflow", 20)
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so BEGIN is ours to issue.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(_WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for ``DATABASE_URL``."""
    return make_engine(get_settings().database_url)


def new_session(engine: Engine | None = None) -> Session:
    """A session that keeps loaded attributes after commit (services return rows)."""
    return Session(engine or get_engine(), expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """Open a session for one request or command and close it afterwards."""
    session = new_session(engine)
    try:
        yield session
    finally:
        session.close()


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """Run the block as one write transaction, committing at the outermost level.

    Nested calls join the outer transaction, so a service that debits stars and
    creates a request in one call commits both or neither. On SQLite the outermost
    call takes the write lock up front (``BEGIN IMMEDIATE``).
    """
    depth = session.info.get("tx_depth", 0)
    if depth == 0:
        if session.in_transaction():
            # A read transaction is open: close it so the write lock is taken at BEGIN.
            session.commit()
        session.connection(execution_options={_WRITE_OPTION: True})
    session.info["tx_depth"] = depth + 1
    try:
        yield session
        if depth == 0:
            session.commit()
    except BaseException:
        if depth == 0:
            session.rollback()
        raise
    finally:
        session.info["tx_depth"] = depth
