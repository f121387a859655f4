"""Ledger postings in the fewest round trips, with statements built once.

A posting is one conditional wallet UPDATE (a debit only while the balance covers
it) and one ledger INSERT whose idempotency key makes a repeat a no-op:

- PostgreSQL: one statement, a CTE doing ``UPDATE … RETURNING`` and
  ``INSERT … ON CONFLICT (idem_key) DO NOTHING RETURNING``.
- SQLite: ``UPDATE … RETURNING`` then the INSERT (the writer holds the database lock).

The UPDATE locks the wallet row, so no ``SELECT … FOR UPDATE`` comes first. The rare
cases take a second look only when they happen: an insert that conflicts on its key
(a replay: the wallet change is undone and the first entry read back), a debit the
balance does not cover, a wallet not created yet (first credit; the user is checked
then). Callers run :func:`post` inside their transaction; nothing here commits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import TextClause

from castyou.models.ledger import LedgerEntry
from castyou.services.errors import Conflict, InsufficientBalance, NotFound

_CREATED_AT = bindparam("created_at", type_=LedgerEntry.__table__.c.created_at.type)  # type: ignore[attr-defined]
_ENTRY_COLUMNS = "user_id, delta, reason, source, ref_id, idem_key, balance, created_at"
_SET_WALLET = (
    "UPDATE castars_wallets SET balance = balance + :delta,"
    " lifetime_stars = lifetime_stars + :lifetime"
    " WHERE user_id = :user_id AND balance + :delta >= 0"
)
SQLITE_APPLY = text(f"{_SET_WALLET} RETURNING balance, lifetime_stars")
SQLITE_INSERT = text(
    f"INSERT INTO castars_ledger ({_ENTRY_COLUMNS}) VALUES (:user_id, :delta, :reason,"
    " :source, :ref_id, :idem_key, :balance, :created_at)"
    " ON CONFLICT (idem_key) DO NOTHING RETURNING id"
).bindparams(_CREATED_AT)
POSTGRES_POST = text(
    f"WITH w AS ({_SET_WALLET} RETURNING balance, lifetime_stars),"
    f" e AS (INSERT INTO castars_ledger ({_ENTRY_COLUMNS})"
    " SELECT :user_id, :delta, :reason, :source, :ref_id, :idem_key, w.balance, :created_at"
    " FROM w ON CONFLICT (idem_key) DO NOTHING RETURNING id)"
    " SELECT w.balance, w.lifetime_stars, e.id FROM w LEFT JOIN e ON true"
).bindparams(_CREATED_AT)
_UNDO = text(
    "UPDATE castars_wallets SET balance = balance - :delta,"
    " lifetime_stars = lifetime_stars - :lifetime WHERE user_id = :user_id"
)
_BY_KEY = text(
    "SELECT id, user_id, delta, reason, source, ref_id, idem_key, balance, created_at"
    " FROM castars_ledger WHERE idem_key = :idem_key"
).columns(*LedgerEntry.__table__.c)  # type: ignore[attr-defined]
_WALLET = text("SELECT balance, lifetime_stars FROM castars_wallets WHERE user_id = :user_id")
_USER = text("SELECT 1 FROM users WHERE id = :user_id")
_NEW_WALLET = text(
    "INSERT INTO castars_wallets (user_id, balance, lifetime_stars) VALUES (:user_id, 0, 0)"
    " ON CONFLICT (user_id) DO NOTHING"
)


@dataclass(frozen=True)
class Posted:
    """The outcome of :func:`post`: the new entry, or the first one on a replay."""

    entry_id: int
    balance: int
    lifetime_before: int
    lifetime_after: int
    created: bool
    replayed: dict[str, Any] | None = None

    def entry(self, params: dict[str, Any]) -> LedgerEntry:
        """The entry as a (detached) row object."""
        if self.replayed is not None:
            return LedgerEntry(**self.replayed)
        fields = {k: params[k] for k in _ENTRY_COLUMNS.split(", ") if k != "balance"}
        return LedgerEntry(id=self.entry_id, balance=self.balance, **fields)


def params(
    *,
    user_id: int,
    delta: int,
    lifetime: int,
    source: str,
    reason: str,
    ref_id: str | None,
    idem_key: str | None,
    created_at: datetime,
) -> dict[str, Any]:
    """The bind parameters of one posting (``lifetime``: the change of lifetime stars)."""
    return {
        "user_id": user_id,
        "delta": delta,
        "lifetime": lifetime,
        "source": source,
        "reason": reason[:200],
        "ref_id": ref_id,
        "idem_key": idem_key,
        "created_at": created_at,
    }


def _driver_sql(statement: TextClause, dialect: str) -> str:
    """The statement's SQL in the driver's own named style (sqlite3 ``:x``, psycopg ``%(x)s``)."""
    sql = statement.text
    return re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql) if dialect == "postgresql" else sql


_SQL = {
    "sqlite": (_driver_sql(SQLITE_APPLY, "sqlite"), _driver_sql(SQLITE_INSERT, "sqlite")),
    "postgresql": (_driver_sql(POSTGRES_POST, "postgresql"),),
}


def _sqlite_time(value: datetime) -> str:
    """``value`` as SQLAlchemy stores it on SQLite (UTC, to the microsecond), in one call."""
    if value.utcoffset() is None:
        raise ValueError("created_at must be timezone-aware")
    return value.astimezone(UTC).isoformat(" ", "microseconds")[:26]


_TIME_FORMAT: dict[str, Any] = {"sqlite": _sqlite_time}


def _driver_values(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    dialect = conn.dialect
    if dialect.name not in _TIME_FORMAT:
        _TIME_FORMAT[dialect.name] = _CREATED_AT.type._cached_bind_processor(dialect)
    process = _TIME_FORMAT[dialect.name]
    return {**values, "created_at": process(values["created_at"])} if process else values


def post(conn: Connection, values: dict[str, Any], driver: Any = None) -> Posted:
    """Apply one posting in ``conn``'s open write transaction (see the module docstring).

    The hot statements go straight to the driver's cursor (SQL built once, psycopg
    prepares repeated statements; ``driver``, the DBAPI connection under ``conn``,
    when the caller has it at hand); the rare second looks go through SQLAlchemy.
    Raises NotFound (unknown user), InsufficientBalance (a debit not covered; nothing
    changed) or Conflict (the key was used for another user's entry).
    """
    raw = _driver_values(conn, values)
    cursor = (driver or conn.connection.driver_connection).cursor()  # type: ignore[union-attr]
    for _attempt in range(3):
        if conn.dialect.name == "postgresql":
            row = cursor.execute(_SQL["postgresql"][0], raw).fetchone()
            applied = None if row is None else (row[0], row[1], row[2])
        else:
            applied = _post_sqlite(cursor, raw)
        if applied is not None:
            balance, lifetime_after, entry_id = applied
            if entry_id is None:
                return _replay(conn, values)
            before = lifetime_after - values["lifetime"]
            return Posted(entry_id, balance, before, lifetime_after, created=True)
        earlier = _not_applied(conn, values)
        if earlier is not None:
            return earlier
    # Only a debit gets here: each look found the balance refilled, each UPDATE found it short.
    raise InsufficientBalance(needed=-values["delta"])  # pragma: no cover


def _post_sqlite(cursor: Any, values: dict[str, Any]) -> tuple[int, int, int | None] | None:
    apply, insert = _SQL["sqlite"]
    row = cursor.execute(apply, values).fetchone()
    if row is None:
        return None
    values["balance"] = row[0]
    entry = cursor.execute(insert, values).fetchone()
    return row[0], row[1], entry[0] if entry else None


def _replay(conn: Connection, values: dict[str, Any]) -> Posted:
    """The key was posted before: undo this wallet change and return the first entry."""
    conn.execute(_UNDO, values)
    return _existing(conn, values) or _gone(values)


def _existing(conn: Connection, values: dict[str, Any]) -> Posted | None:
    if values["idem_key"] is None:
        return None
    row = conn.execute(_BY_KEY, values).mappings().first()
    if row is None:
        return None
    if row["user_id"] != values["user_id"]:
        raise Conflict("ledger.source_conflict")
    wallet = conn.execute(_WALLET, values).first()
    balance, after = (wallet[0], wallet[1]) if wallet else (0, 0)
    # A replay reports the wallet as it is now; the first entry is in ``replayed``.
    return Posted(row["id"], balance, after, after, created=False, replayed=dict(row))


def _gone(values: dict[str, Any]) -> Posted:  # pragma: no cover - a conflict with no row
    raise Conflict("ledger.source_conflict")


def _not_applied(conn: Connection, values: dict[str, Any]) -> Posted | None:
    """Why the UPDATE matched no row: a replay (returned), an error (raised), or no
    wallet yet (created; None asks for a retry)."""
    earlier = _existing(conn, values)
    if earlier is not None:
        return earlier
    wallet = conn.execute(_WALLET, values).first()
    if wallet is not None:
        if wallet[0] + values["delta"] >= 0:
            return None  # created or refilled since the UPDATE looked (PostgreSQL)
        raise InsufficientBalance(needed=-values["delta"] - wallet[0])
    if conn.execute(_USER, values).first() is None:
        raise NotFound("ledger.unknown_user")
    if values["delta"] < 0:
        raise InsufficientBalance(needed=-values["delta"])
    conn.execute(_NEW_WALLET, values)
    return None


STATEMENTS: dict[str, tuple[TextClause, ...]] = {
    "sqlite": (SQLITE_APPLY, SQLITE_INSERT),
    "postgresql": (POSTGRES_POST,),
}
