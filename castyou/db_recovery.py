"""Transient database faults: recognise them, drop the connection, answer 503.

A fault that outlives one statement (a read-only spell, a full disk, an I/O error, a
PostgreSQL connection terminated or a server restarting) leaves pooled connections in a
state they do not leave by themselves: SQLite keeps its WAL open read-only after the file
is writable again, a killed PostgreSQL backend stays dead. :func:`install` marks such
errors as disconnects, so SQLAlchemy invalidates the connection (and every connection
pooled before it) and the next request opens a fresh one: the app recovers without a
restart. The HTTP layer answers these faults with 503 and ``Retry-After``.
"""

from __future__ import annotations

import enum
import sqlite3
import weakref
from typing import Any

from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine

# SQLite primary result codes (the low byte of ``sqlite_errorcode``).
_SQLITE_CODES = {5: "LOCKED", 6: "LOCKED", 8: "READ_ONLY", 10: "IO", 13: "DISK_FULL", 14: "IO"}
_SQLITE_TEXT = (
    ("locked", "LOCKED"),
    ("readonly", "READ_ONLY"),
    ("read-only", "READ_ONLY"),
    ("disk is full", "DISK_FULL"),
    ("disk i/o", "IO"),
    ("unable to open database", "IO"),
)


class Fault(enum.Enum):
    """What kind of transient fault an error is."""

    LOCKED = "locked"  # the write lock was not had in time: this connection only
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    IO = "io"
    CONNECTION = "connection"  # lost, terminated, refused, server shutting down
    TIMEOUT = "timeout"  # statement or lock timeout, pool checkout timeout


_POOL_WIDE = {Fault.READ_ONLY, Fault.DISK_FULL, Fault.IO, Fault.CONNECTION}
# Bumped each time an engine's pool is dropped: connections kept outside the pool
# (the SQLite writer's, see castyou.db) compare it and reopen when it moved.
_GENERATIONS: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()


def generation(engine: Engine) -> int:
    """How many times ``engine``'s connections were dropped for a fault or a dispose."""
    return _GENERATIONS.get(engine, 0)


def _bump(engine: Engine) -> None:
    _GENERATIONS[engine] = _GENERATIONS.get(engine, 0) + 1


def _sqlite_fault(error: sqlite3.Error) -> Fault | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_CODES:
        return Fault[_SQLITE_CODES[code & 0xFF]]
    message = str(error).lower()
    for needle, name in _SQLITE_TEXT:
        if needle in message:
            return Fault[name]
    return None


def _postgres_fault(error: Exception) -> Fault | None:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a runtime dependency
        return None
    if not isinstance(error, psycopg.Error):
        return None
    state = getattr(error, "sqlstate", None) or ""
    if state in {"57014", "55P03"}:  # statement timeout / lock timeout
        return Fault.TIMEOUT
    if state == "53100":
        return Fault.DISK_FULL
    if state.startswith(("08", "57P", "53")):
        return Fault.CONNECTION
    if isinstance(error, psycopg.OperationalError) and not state:
        return Fault.CONNECTION  # connection lost or refused: no server answer at all
    return None


def classify(error: BaseException | None) -> Fault | None:
    """The transient fault ``error`` (or what it wraps) is, or None."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, sa_exc.TimeoutError):
            return Fault.TIMEOUT
        if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
            return Fault.CONNECTION
        if isinstance(error, sa_exc.PendingRollbackError) and "reconnect" in str(error):
            return Fault.CONNECTION  # the connection died under a transaction already
        if isinstance(error, sqlite3.OperationalError | sqlite3.DatabaseError):
            fault = _sqlite_fault(error)
            if fault:
                return fault
        fault = _postgres_fault(error) if isinstance(error, Exception) else None
        if fault:
            return fault
        error = getattr(error, "orig", None) or error.__cause__ or error.__context__
    return None


def is_transient(error: BaseException | None) -> bool:
    return classify(error) is not None


def _on_error(context: Any) -> None:
    fault = classify(context.original_exception)
    if fault is None or fault is Fault.TIMEOUT:
        return
    context.is_disconnect = True
    # A lock wait that ran out says nothing about the other connections.
    context.invalidate_pool_on_disconnect = fault in _POOL_WIDE
    if fault in _POOL_WIDE and context.engine is not None:
        _bump(_root(context.engine))


def drop_pool_after(engine: Engine, error: BaseException) -> bool:
    """Backstop for a fault that did not pass through the engine's error hook (a driver
    call made directly): drop every pooled connection when ``error`` is pool-wide.

    Connections checked out now are closed when returned. True when the pool was dropped.
    """
    if classify(error) not in _POOL_WIDE:
        return False
    engine.dispose(close=False)  # bumps the generation (engine_disposed)
    return True


def _root(engine: Engine) -> Engine:
    """The engine itself for an ``execution_options()`` copy of it (they share a pool)."""
    return getattr(engine, "_proxied", None) or engine


def install(engine: Engine) -> None:
    """Invalidate connections hit by a transient fault (see the module docstring)."""
    if not event.contains(engine, "handle_error", _on_error):
        event.listen(engine, "handle_error", _on_error)
        event.listen(engine, "engine_disposed", lambda e: _bump(_root(e)))


def postgres_connect_args(
    *, connect_timeout: int, statement_timeout_s: float | None
) -> dict[str, Any]:
    """libpq options bounding how long a connect and a statement (unless None) may take."""
    args: dict[str, Any] = {"connect_timeout": connect_timeout}
    if statement_timeout_s is not None:
        ms = max(1, int(statement_timeout_s * 1000))
        args["options"] = f"-c statement_timeout={ms} -c lock_timeout={ms}"
    return args
