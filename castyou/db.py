"""Database engine, sessions and transactions.

SQLite (the embedded default) runs in WAL mode with a busy timeout, and every
transaction opened through :func:`transaction` starts with ``BEGIN IMMEDIATE`` so
concurrent writers queue for the lock instead of failing with "database is locked".
"""

from __future__ import annotations

import logging
import os
import re
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import TextClause
from sqlmodel import Session, create_engine

from castyou import db_recovery
from castyou.settings import DATA_DIR, get_settings
from castyou.writer_queue import WriterQueue

_WRITE_OPTION = "castyou_write"
_BEFORE = "tx_before_commit"
_AFTER = "tx_after_commit"
_DATA = "tx_data"
T = TypeVar("T")
logger = logging.getLogger("castyou.db")
_WRITER_QUEUES: weakref.WeakKeyDictionary[Engine, WriterQueue] = weakref.WeakKeyDictionary()


def make_engine(url: str, *, bounded_statements: bool = True, **kwargs: Any) -> Engine:
    """Build an engine with CasTyou's connection rules for SQLite or PostgreSQL.

    Every wait is bounded by ``CASTYOU_DB_TIMEOUT``: SQLite's busy wait for the write
    lock, PostgreSQL's statement and lock timeouts, a pool checkout; a PostgreSQL connect
    by ``CASTYOU_DB_CONNECT_TIMEOUT``. Transient faults invalidate the connection
    (:mod:`castyou.db_recovery`). Migrations pass ``bounded_statements=False``: a schema
    change on a large table may take longer than a web request should.
    """
    settings = get_settings()
    kwargs.setdefault("pool_timeout", settings.db_timeout)
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and ":memory:" not in url:
            DATA_DIR.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": settings.db_timeout},
            **kwargs,
        )
        _configure_sqlite(engine, busy_ms=int(settings.db_timeout * 1000))
        _WRITER_QUEUES[engine] = WriterQueue(settings.db_timeout)
        event.listen(engine, "engine_disposed", _close_kept_writer)
    else:
        kwargs.setdefault("pool_size", 20)
        kwargs.setdefault("max_overflow", 20)
        connect_args = db_recovery.postgres_connect_args(
            connect_timeout=settings.db_connect_timeout,
            statement_timeout_s=settings.db_timeout if bounded_statements else None,
        )
        kwargs.setdefault("pool_pre_ping", True)
        engine = create_engine(url, connect_args=connect_args, **kwargs)
    db_recovery.install(engine)
    return engine


def _configure_sqlite(engine: Engine, *, busy_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so BEGIN is ours to issue.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Straight to the driver: this runs once per transaction.
        driver = connection.connection.driver_connection
        if driver.in_transaction:
            return  # begun by the kept writer (see _QueuedWrite)
        write = connection.get_execution_options().get(_WRITE_OPTION)
        driver.execute("BEGIN IMMEDIATE" if write else "BEGIN")


def writer_queue(engine: Engine) -> WriterQueue | None:
    """The in-process FIFO queue of an SQLite engine's writers (None on PostgreSQL)."""
    return _WRITER_QUEUES.get(engine)


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
    call takes the write lock up front (``BEGIN IMMEDIATE``). Hooks registered with
    :func:`before_commit` run just before the outermost commit, those registered
    with :func:`after_commit` just after it; a rollback discards both.
    """
    depth = session.info.get("tx_depth", 0)
    queue = None
    if depth == 0:
        if session.in_transaction():
            # A read transaction is open: close it so the write lock is taken at BEGIN.
            session.commit()
        queue = writer_queue(session.get_bind())  # type: ignore[arg-type]
        if queue is not None:
            queue.acquire()
    committed = False
    try:
        if depth == 0:
            session.connection(execution_options={_WRITE_OPTION: True})
        session.info["tx_depth"] = depth + 1
        yield session
        if depth == 0:
            _run_before_commit(session)
            session.commit()
            committed = True
    except BaseException:
        if depth == 0:
            session.rollback()
            session.info.pop(_BEFORE, None)
            session.info.pop(_AFTER, None)
        raise
    finally:
        session.info["tx_depth"] = depth
        if depth == 0:
            session.info.pop(_DATA, None)
            if queue is not None:
                queue.release()
    if committed:
        _run_after_commit(session)


class WriteTx:
    """One short write transaction on a Core connection (no ORM unit of work).

    ``conn`` runs prebuilt statements. ``hooks`` is this transaction as commit hooks
    and ledger listeners see a session: :func:`before_commit`, :func:`after_commit`,
    :func:`tx_data` and nested :func:`transaction` blocks work on it, and
    ``connection()`` / ``get_bind()`` answer as a Session's do. It has no identity map
    or unit of work: building a Session per posting cost more than the posting.
    """

    __slots__ = ("conn", "driver", "info")

    def __init__(self, conn: Connection, driver: Any) -> None:
        self.conn = conn
        self.driver = driver  # the DBAPI connection under ``conn``
        self.info: dict[str, Any] = {"tx_depth": 1}

    @property
    def hooks(self) -> Session:
        return self  # type: ignore[return-value]  # the Session surface hooks use

    def connection(self, **_kw: Any) -> Connection:
        return self.conn

    def get_bind(self, *_a: Any, **_kw: Any) -> Engine:
        return self.conn.engine

    def in_transaction(self) -> bool:
        return True


class DriverText:
    """A prebuilt ``text()`` statement sent straight to the driver's cursor.

    The SQL is converted once per dialect to the driver's named style (sqlite3
    ``:x``, psycopg ``%(x)s``) and typed bind parameters (datetimes) go through their
    SQLAlchemy type's processor, so rows are stored as the ORM stores them; what is
    saved is SQLAlchemy's per-execution work, for the few statements on hot paths.
    """

    def __init__(self, clause: TextClause) -> None:
        self.clause = clause
        self._compiled: dict[str, tuple[str, dict[str, Any]]] = {}

    def _for(self, dialect: Any) -> tuple[str, dict[str, Any]]:
        if dialect.name not in self._compiled:
            sql = self.clause.text
            if dialect.name == "postgresql":
                sql = re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql)
            processors = {
                name: process
                for name, bind in self.clause._bindparams.items()
                if (process := bind.type._cached_bind_processor(dialect)) is not None
            }
            self._compiled[dialect.name] = (sql, processors)
        return self._compiled[dialect.name]

    def execute(self, conn: Connection, params: dict[str, Any]) -> Any:
        """Run on ``conn``'s DBAPI connection (in its transaction); returns the cursor."""
        sql, processors = self._for(conn.dialect)
        if processors:
            params = {**params, **{k: f(params[k]) for k, f in processors.items() if k in params}}
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        return cursor.execute(sql, params)


_WRITE_ENGINES: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()
_KEPT_WRITERS: weakref.WeakKeyDictionary[Engine, tuple[Connection, Any, int]] = (
    weakref.WeakKeyDictionary()
)


def _write_engine(engine: Engine) -> Engine:
    """``engine`` whose connections begin as writers (made once: options per call cost)."""
    if engine not in _WRITE_ENGINES:
        _WRITE_ENGINES[engine] = engine.execution_options(**{_WRITE_OPTION: True})
    return _WRITE_ENGINES[engine]


def _kept_writer(engine: Engine) -> tuple[Connection, Any]:
    """The connection an SQLite engine's queued writers share (and its DBAPI connection).

    The writer queue admits one writer at a time, so one connection serves them all
    and a posting skips the pool's checkout and return. It is dropped and reopened
    when the pool is dropped for a fault (:func:`db_recovery.generation`), so a
    read-only spell or a full disk does not outlive itself on this connection.
    """
    kept = _KEPT_WRITERS.get(engine)
    generation = db_recovery.generation(engine)
    if kept is not None and kept[2] == generation and not kept[0].invalidated:
        return kept[0], kept[1]
    if kept is not None:
        _drop_kept_writer(engine)
    conn = _write_engine(engine).connect()
    driver = conn.connection.driver_connection
    _KEPT_WRITERS[engine] = (conn, driver, generation)
    return conn, driver


def _close_kept_writer(engine: Engine) -> None:
    """On dispose: close the kept connection now if no writer is using it (it holds a
    reference to the engine, which would otherwise never be collected); else the next
    writer reopens it (the dispose moved the generation)."""
    queue = writer_queue(engine)
    if queue is not None and engine in _KEPT_WRITERS and queue.try_acquire():
        try:
            _drop_kept_writer(engine)
        finally:
            queue.release()


def _forget_kept_writers() -> None:
    # A forked child must not use (or close: a close may checkpoint) its parent's connection.
    _INHERITED.extend(_KEPT_WRITERS.values())
    _KEPT_WRITERS.clear()


_INHERITED: list[tuple[Connection, Any, int]] = []
os.register_at_fork(after_in_child=_forget_kept_writers)


def _drop_kept_writer(engine: Engine) -> None:
    kept = _KEPT_WRITERS.pop(engine, None)
    if kept is not None:
        try:
            kept[0].invalidate()  # closes the driver connection, not back to the pool
            kept[0].close()
        except Exception:
            logger.warning("closing the kept writer connection failed", exc_info=True)


def write_tx(engine: Engine | None = None) -> AbstractContextManager[WriteTx]:
    """A write transaction that commits on success; its after-commit hooks run once the
    SQLite write lock is released. SQLite writers queue in arrival order and share one
    kept connection; PostgreSQL (and a writer nested in another in the same thread)
    takes a pooled one."""
    engine = engine or get_engine()
    queue = writer_queue(engine)
    if queue is None or queue.held_here():
        return _pooled_write(engine)
    return _QueuedWrite(engine, queue)


@contextmanager
def _pooled_write(engine: Engine) -> Iterator[WriteTx]:
    tx: WriteTx | None = None
    try:
        with _write_engine(engine).connect() as conn, conn.begin():
            tx = WriteTx(conn, conn.connection.driver_connection)
            yield tx
            _run_before_commit(tx.hooks)
    except BaseException:
        if tx is not None:
            tx.info.clear()
        raise
    assert tx is not None
    tx.info.pop(_DATA, None)
    _run_after_commit(tx.hooks)


class _QueuedWrite:
    """An SQLite write transaction on the kept writer connection, in queue order.

    ``BEGIN IMMEDIATE`` and ``COMMIT`` go straight to the driver: SQLAlchemy's
    transaction bookkeeping cost as much as the posting. A statement run through
    SQLAlchemy inside opens its bookkeeping on top (the ``begin`` listener sees the
    driver in a transaction already) and the commit then goes through it. A fault
    that the driver raised directly never passed the engine's error hook, so a
    transient one drops the kept connection (and the pool) here.
    """

    __slots__ = ("engine", "queue", "tx")

    def __init__(self, engine: Engine, queue: WriterQueue) -> None:
        self.engine = engine
        self.queue = queue

    def __enter__(self) -> WriteTx:
        self.queue.acquire()
        try:
            conn, driver = _kept_writer(self.engine)
            driver.execute("BEGIN IMMEDIATE")
        except BaseException as error:
            self._release_after(error)
            raise
        self.tx = WriteTx(conn, driver)
        return self.tx

    def __exit__(self, _kind: Any, error: BaseException | None, _tb: Any) -> None:
        tx = self.tx
        if error is None:
            try:
                _run_before_commit(tx.hooks)
                if tx.conn.in_transaction():
                    tx.conn.commit()
                else:
                    tx.driver.commit()
            except BaseException as failure:
                self._abort(failure)
                raise
            self.queue.release()
            tx.info.pop(_DATA, None)
            _run_after_commit(tx.hooks)
            return
        self._abort(error)

    def _abort(self, error: BaseException) -> None:
        conn = self.tx.conn
        self.tx.info.clear()
        try:
            if conn.in_transaction():
                conn.rollback()
            if self.tx.driver.in_transaction:
                self.tx.driver.rollback()
        except Exception as failure:
            error = failure  # a connection that cannot roll back is not kept
            _drop_kept_writer(self.engine)
        self._release_after(error)

    def _release_after(self, error: BaseException) -> None:
        try:
            if db_recovery.is_transient(error):
                _drop_kept_writer(self.engine)
                db_recovery.drop_pool_after(self.engine, error)
        finally:
            self.queue.release()


def lock_name(session: Session, name: str) -> None:
    """Hold a lock on ``name`` until the transaction ends, for a count that must not race.

    PostgreSQL: a transaction-level advisory lock. SQLite needs none: every write
    transaction already holds the database's write lock from its ``BEGIN``.
    """
    _require_transaction(session)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})


def before_commit(session: Session, key: Hashable, hook: Callable[[Session], None]) -> None:
    """Run ``hook(session)`` once, inside the transaction, just before it commits.

    Registering the same ``key`` again in one transaction keeps the first hook, so
    work that follows many changes (one notice per wallet) runs once.
    """
    _require_transaction(session)
    session.info.setdefault(_BEFORE, {}).setdefault(key, hook)


def after_commit(session: Session, key: Hashable, hook: Callable[[], None]) -> None:
    """Run ``hook()`` once after the transaction commits (never after a rollback)."""
    _require_transaction(session)
    session.info.setdefault(_AFTER, {}).setdefault(key, hook)


def tx_data(session: Session, name: str, factory: Callable[[], T]) -> T:
    """Storage that lives as long as the current transaction (what hooks act on)."""
    _require_transaction(session)
    data = session.info.setdefault(_DATA, {})
    if name not in data:
        data[name] = factory()
    return data[name]


def _require_transaction(session: Session) -> None:
    if not session.info.get("tx_depth"):
        raise RuntimeError("commit hooks need an open db.transaction()")


def _run_before_commit(session: Session) -> None:
    # A hook may register more hooks (a Bounty notice touches a live channel).
    hooks: dict[Hashable, Callable[[Session], None]] | None = session.info.get(_BEFORE)
    if not hooks:
        return
    done: set[Hashable] = set()
    while pending := [key for key in hooks if key not in done]:
        for key in pending:
            done.add(key)
            hooks[key](session)
    session.info.pop(_BEFORE, None)


def _run_after_commit(session: Session) -> None:
    hooks: dict[Hashable, Callable[[], None]] = session.info.pop(_AFTER, {})
    for hook in hooks.values():
        try:
            hook()
        except Exception:
            # The change is committed; a failed follow-up must not turn it into an error.
            logger.exception("after-commit hook failed")
