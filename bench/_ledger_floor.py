"""The floor of the ledger bench: the service's spend statements, issued through the driver.

Same statements, same order, one transaction per spend, as the ledger service
issues them (see ``bench.ledger``), without the ORM and service layers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from castyou.clock import utcnow

_FLOOR_SQL: dict[str, tuple[str, ...]] = {
    "sqlite": (
        "SELECT id, email, display_name, password_hash, role, language, referral_code, "
        "referred_by_id, badge_early_adopter, created_at FROM users WHERE id = ?",
        "INSERT INTO castars_wallets (user_id, balance, lifetime_stars) VALUES (?, 0, 0) "
        "ON CONFLICT (user_id) DO NOTHING",
        "SELECT user_id, balance, lifetime_stars FROM castars_wallets WHERE user_id = ?",
        "UPDATE castars_wallets SET balance = balance + ?, lifetime_stars = lifetime_stars + ? "
        "WHERE user_id = ? AND balance >= ? RETURNING balance, lifetime_stars",
        "INSERT INTO castars_ledger (user_id, delta, reason, source, ref_id, idem_key, balance, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    ),
}
_FLOOR_SQL["postgresql"] = tuple(
    statement.replace("?", "%s").replace("WHERE user_id = %s", "WHERE user_id = %s FOR UPDATE")
    if statement.startswith("SELECT user_id")
    else statement.replace("?", "%s")
    for statement in _FLOOR_SQL["sqlite"]
)


def _floor_statements(cursor: Any, sql: tuple[str, ...], user_id: int, now: Any) -> None:
    select_user, upsert_wallet, lock_wallet, update_wallet, insert_entry = sql
    cursor.execute(select_user, (user_id,)).fetchone()
    cursor.execute(upsert_wallet, (user_id,))
    cursor.execute(lock_wallet, (user_id,)).fetchone()
    row = cursor.execute(update_wallet, (-1, 0, user_id, 1)).fetchone()
    if row is None:
        raise RuntimeError("bench wallet ran dry")
    entry = (user_id, -1, "bench", "SPENT", None, None, row[0], now)
    cursor.execute(insert_entry, entry).fetchone()


def floor_sqlite(path: str) -> Callable[[], Callable[[int], None]]:
    def connect() -> Callable[[int], None]:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        for pragma in (
            "journal_mode=WAL",
            "busy_timeout=30000",
            "foreign_keys=ON",
            "synchronous=NORMAL",
        ):
            conn.execute(f"PRAGMA {pragma}")

        def spend(user_id: int) -> None:
            cursor = conn.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                _floor_statements(cursor, _FLOOR_SQL["sqlite"], user_id, _sqlite_now())
                conn.commit()
            except BaseException:
                conn.rollback()
                raise

        return spend

    return connect


def floor_postgres(url: str) -> Callable[[], Callable[[int], None]]:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")

    def connect() -> Callable[[int], None]:
        conn = psycopg.connect(dsn)

        def spend(user_id: int) -> None:
            with conn.transaction():
                _floor_statements(conn.cursor(), _FLOOR_SQL["postgresql"], user_id, utcnow())

        return spend

    return connect


def _sqlite_now() -> str:
    return utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
