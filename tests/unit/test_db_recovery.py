"""Transient database faults are recognised and the pool recovers without a restart."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine

from castyou import db_recovery
from castyou.db import make_engine, write_tx
from castyou.db_recovery import Fault, classify
from castyou.settings import get_settings


def _sqlite_error(message: str, code: int | None = None) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    if code is not None:
        error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("error", "fault"),
    [
        (_sqlite_error("database is locked", 5), Fault.LOCKED),
        (_sqlite_error("attempt to write a readonly database", 8), Fault.READ_ONLY),
        (_sqlite_error("attempt to write a readonly database"), Fault.READ_ONLY),
        (_sqlite_error("database or disk is full", 13), Fault.DISK_FULL),
        (_sqlite_error("disk I/O error", 10 | (4 << 8)), Fault.IO),
        (_sqlite_error("no such table: users", 1), None),
        (psycopg.OperationalError("server closed the connection unexpectedly"), Fault.CONNECTION),
        (psycopg.errors.AdminShutdown("terminating connection"), Fault.CONNECTION),
        (psycopg.errors.QueryCanceled("statement timeout"), Fault.TIMEOUT),
        (psycopg.errors.UniqueViolation("duplicate key"), None),
        (sa_exc.TimeoutError("QueuePool limit reached"), Fault.TIMEOUT),
        (sa_exc.PendingRollbackError("Can't reconnect until ..."), Fault.CONNECTION),
        (sa_exc.PendingRollbackError("This Session's transaction has been rolled back"), None),
        (ValueError("not a database error"), None),
    ],
)
def test_classify(error: Exception, fault: Fault | None) -> None:
    assert classify(error) is fault


def test_classify_follows_the_wrapped_driver_error() -> None:
    wrapped = sa_exc.OperationalError("INSERT", {}, _sqlite_error("database or disk is full", 13))
    assert classify(wrapped) is Fault.DISK_FULL
    try:
        try:
            raise wrapped
        except sa_exc.OperationalError as inner:
            raise RuntimeError("service failed") from inner
    except RuntimeError as outer:
        assert classify(outer) is Fault.DISK_FULL


def _writer(engine: Engine):
    def write() -> str | None:
        try:
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO t (v) VALUES ('x')"))
        except Exception as error:
            return type(error).__name__
        return None

    return write


def _burst(fn, n: int = 12) -> list[str | None]:
    results: list[str | None] = []
    threads = [threading.Thread(target=lambda: results.append(fn())) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _open_readers(engine: Engine, n: int = 8) -> None:
    """Fill the pool with connections opened now (during the spell: read-only ones)."""

    def read() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM t"))
            time.sleep(0.1)

    _burst(lambda: read(), n)


def _read_only_spell(directory: Path, engine: Engine) -> list[str | None]:
    # The -shm file stays writable: SQLite maps it, and an immutable map is SIGBUS.
    files = [str(p) for p in directory.iterdir() if not p.name.endswith("-shm")]
    subprocess.run(["chattr", "+i", *files, str(directory)], check=True)
    try:
        engine.dispose()
        _open_readers(engine)
        return _burst(_writer(engine))
    finally:
        subprocess.run(["chattr", "-i", *files, str(directory)], check=True)


@pytest.mark.parametrize("recovery", [True, False])
def test_sqlite_read_only_spell_recovers_without_a_restart(tmp_path: Path, recovery: bool) -> None:
    if os.geteuid() != 0 or not shutil.which("chattr"):
        pytest.skip("a read-only spell needs root and chattr")
    directory = tmp_path / "ro"
    directory.mkdir()
    engine = make_engine(f"sqlite:///{directory / 'spell.db'}", pool_size=8)
    if not recovery:
        event.remove(engine, "handle_error", db_recovery._on_error)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"))
    assert _burst(_writer(engine)) == [None] * 12
    try:
        probe = subprocess.run(["chattr", "+i", str(directory)], capture_output=True)
        if probe.returncode:
            pytest.skip(f"chattr refused here: {probe.stderr.decode().strip()}")
        subprocess.run(["chattr", "-i", str(directory)], check=True)
        assert set(_read_only_spell(directory, engine)) == {"OperationalError"}
        after = _burst(_writer(engine)) + _burst(_writer(engine))
    finally:
        engine.dispose()
    if recovery:
        # At most the first statement on each stale connection fails; the rest succeed.
        assert after[12:] == [None] * 12
    else:
        # Without recovery the stale read-only connections keep failing (the bug).
        assert after.count(None) < len(after)


@pytest.mark.postgres
def test_postgres_terminated_connections_are_replaced() -> None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (not set)")
    engine = make_engine(url, pool_size=6, max_overflow=0, pool_pre_ping=False)
    admin = make_engine(url, pool_size=1, max_overflow=0)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS ops_recovery_t (id serial, v text)"))
        _burst(_writer_pg(engine), 6)
        with admin.begin() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    " AND query LIKE '%ops_recovery_t%'"
                )
            )
        first = _burst(_writer_pg(engine), 6)
        second = _burst(_writer_pg(engine), 6)
        assert second == [None] * 6, (first, second)
    finally:
        with admin.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS ops_recovery_t"))
        engine.dispose()
        admin.dispose()


def _writer_pg(engine: Engine):
    def write() -> str | None:
        try:
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO ops_recovery_t (v) VALUES ('ops_recovery_t')"))
        except Exception as error:
            return type(error).__name__
        return None

    return write


@pytest.mark.postgres
def test_postgres_statements_are_bounded_except_for_migrations(monkeypatch) -> None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (not set)")
    monkeypatch.setenv("CASTYOU_DB_TIMEOUT", "0.5")
    get_settings.cache_clear()
    bounded = make_engine(url, pool_size=1, max_overflow=0)
    unbounded = make_engine(url, pool_size=1, max_overflow=0, bounded_statements=False)
    try:
        with bounded.connect() as conn:
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "500ms"
            with pytest.raises(sa_exc.OperationalError) as raised:
                conn.execute(text("SELECT pg_sleep(2)"))
            assert classify(raised.value) is Fault.TIMEOUT
        with unbounded.connect() as conn:
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "0"
    finally:
        bounded.dispose()
        unbounded.dispose()
        get_settings.cache_clear()


def test_a_pool_wide_fault_seen_elsewhere_drops_the_pool(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'drop.db'}")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        pool = engine.pool
        locked = _sqlite_error("database is locked", 5)
        assert not db_recovery.drop_pool_after(engine, locked)
        assert engine.pool is pool
        read_only = _sqlite_error("attempt to write a readonly database", 8)
        assert not db_recovery.drop_pool_after(engine, RuntimeError("not a database error"))
        assert db_recovery.drop_pool_after(engine, read_only)
        assert engine.pool is not pool
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def _kept_write(engine: Engine) -> Any:
    """One queued SQLite write through the kept writer connection; its DBAPI connection."""
    with write_tx(engine) as tx:
        tx.driver.execute("INSERT INTO t (v) VALUES ('x')")
        return tx.driver


def test_the_kept_sqlite_writer_is_replaced_after_a_fault_or_a_dispose(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kept.db'}")
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"))
        first = _kept_write(engine)
        assert _kept_write(engine) is first  # one connection serves the queued writers
        with pytest.raises(sqlite3.OperationalError), write_tx(engine):
            raise _sqlite_error("attempt to write a readonly database", 8)
        second = _kept_write(engine)
        assert second is not first
        with pytest.raises(RuntimeError), write_tx(engine):
            raise RuntimeError("not a database fault")
        assert _kept_write(engine) is second
        engine.dispose()
        assert _kept_write(engine) is not second
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 5
    finally:
        engine.dispose()


def test_the_kept_sqlite_writer_recovers_from_a_read_only_spell(tmp_path: Path) -> None:
    if os.geteuid() != 0 or not shutil.which("chattr"):
        pytest.skip("a read-only spell needs root and chattr")
    directory = tmp_path / "ro"
    directory.mkdir()
    engine = make_engine(f"sqlite:///{directory / 'spell.db'}")
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"))
        _kept_write(engine)
        probe = subprocess.run(["chattr", "+i", str(directory)], capture_output=True)
        if probe.returncode:
            pytest.skip(f"chattr refused here: {probe.stderr.decode().strip()}")
        subprocess.run(["chattr", "-i", str(directory)], check=True)
        files = [str(p) for p in directory.iterdir() if not p.name.endswith("-shm")]
        subprocess.run(["chattr", "+i", *files, str(directory)], check=True)
        try:
            with pytest.raises(sqlite3.OperationalError):
                _kept_write(engine)  # the kept connection's write fails
            engine.dispose()  # as a pool-wide fault seen elsewhere does
            # The next writer opens its connection during the spell (read-only).
            with pytest.raises(sqlite3.OperationalError):
                _kept_write(engine)
        finally:
            subprocess.run(["chattr", "-i", *files, str(directory)], check=True)
        _kept_write(engine)  # no restart: the read-only connection was not kept
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 2
    finally:
        engine.dispose()
