"""The floor of the ledger bench: the minimal correct spend, through the raw driver.

One transaction per spend: the conditional ``UPDATE … RETURNING`` of the wallet and
the ledger ``INSERT``, statements prepared once, one connection per thread, the same
threads and wallets as the service (see ``bench.ledger``). Nothing is cheaper and
still correct, so the service is measured against it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from castyou.clock import utcnow

SQLITE_SQL = (
    "UPDATE castars_wallets SET balance = balance - ? WHERE user_id = ? AND balance >= ?"
    " RETURNING balance",
    "INSERT INTO castars_ledger (user_id, delta, reason, source, ref_id, idem_key, balance,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
)
POSTGRES_SQL = tuple(statement.replace("?", "%s") for statement in SQLITE_SQL)
FLOOR_SQL = {"sqlite": SQLITE_SQL, "postgresql": POSTGRES_SQL}


def _spend(cursor: Any, sql: tuple[str, ...], user_id: int, now: Any) -> None:
    update_wallet, insert_entry = sql
    row = cursor.execute(update_wallet, (1, user_id, 1)).fetchone()
    if row is None:
        raise RuntimeError("bench wallet ran dry")
    cursor.execute(insert_entry, (user_id, -1, "bench", "SPENT", None, None, row[0], now))


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
        cursor = conn.cursor()

        def spend(user_id: int) -> None:
            cursor.execute("BEGIN IMMEDIATE")
            try:
                _spend(cursor, SQLITE_SQL, user_id, _sqlite_now())
                cursor.execute("COMMIT")
            except BaseException:
                conn.rollback()
                raise

        return spend

    return connect


def floor_postgres(url: str) -> Callable[[], Callable[[int], None]]:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")

    def connect() -> Callable[[int], None]:
        conn = psycopg.connect(dsn, prepare_threshold=0)
        cursor = conn.cursor()

        def spend(user_id: int) -> None:
            with conn.transaction():
                _spend(cursor, POSTGRES_SQL, user_id, utcnow())

        return spend

    return connect


def _sqlite_now() -> str:
    return utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
