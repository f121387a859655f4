"""Online backup and restore of the embedded SQLite database, each checked by the audit.

``python -m castyou backup PATH`` copies the live database with SQLite's online
backup API (consistent while the app keeps writing), checks the copy's integrity and
runs the ledger audit on it. ``restore PATH`` checks the backup the same way, copies it
over the live database (stop the app first) and audits the restored database.
PostgreSQL is backed up with ``pg_dump`` (see the README).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from castyou.db import make_engine, session_scope
from castyou.services.castars.reconcile import AuditReport, run_audit


class BackupError(Exception):
    """The backup or restore could not be done (the message says why)."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    audit: AuditReport


def sqlite_path(url: str) -> Path:
    """The file of a ``sqlite:///`` URL (PostgreSQL and in-memory databases have none)."""
    if not url.startswith("sqlite:///") or ":memory:" in url:
        raise BackupError(
            "backup/restore handle the SQLite file; for PostgreSQL use pg_dump / pg_restore"
        )
    return Path(url.removeprefix("sqlite:///").split("?", 1)[0])


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst, pages=1024)
    finally:
        dst.close()
        src.close()


def _check(path: Path) -> AuditReport:
    """Integrity check, then the ledger audit, on the database file at ``path``."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite database: {error}") from None
    finally:
        conn.close()
    if not result or result[0] != "ok":
        raise BackupError(f"{path} failed the integrity check: {result}")
    engine = make_engine(f"sqlite:///{path}")
    try:
        with session_scope(engine) as db:
            return run_audit(session=db)
    finally:
        engine.dispose()


def backup(database_url: str, target: Path) -> BackupResult:
    """Copy the live database to ``target`` (a new file) and audit the copy."""
    source = sqlite_path(database_url)
    if not source.exists():
        raise BackupError(f"no database at {source}")
    if target.exists():
        raise BackupError(f"{target} exists: choose a new file")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial)
        report = _check(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(target, target.stat().st_size, report)


def restore(database_url: str, source: Path, *, force: bool = False) -> BackupResult:
    """Replace the live database with the backup at ``source``, then audit it.

    A backup whose own audit is not clean is refused unless ``force``.
    """
    target = sqlite_path(database_url)
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    before = _check(source)
    if not before.clean and not force:
        raise BackupError(
            f"the backup's ledger audit found {before.mismatch_count} mismatches "
            "(use --force to restore it anyway)"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, target)
    return BackupResult(target, target.stat().st_size, _check(target))
