"""Text-search indexes: FTS5 (trigram) tables on SQLite, ``pg_trgm`` GIN indexes on PostgreSQL.

Both serve "contains" searches (a term anywhere in the text, any case). On SQLite each
indexed table has an external-content FTS5 table kept in step by triggers; on
PostgreSQL ``lower(column) LIKE '%term%'`` uses a trigram GIN index. The same DDL is
run by the Alembic migration (0008) and, for databases built with
``metadata.create_all`` (tests, benches), after the tables are created.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlmodel import SQLModel

FTS_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "concierge_requests_fts": ("concierge_requests", ("description",)),
    "users_fts": ("users", ("display_name", "email")),
    "castars_purchases_fts": ("castars_purchases", ("stripe_payment_id", "bundle_name")),
}
TRGM_INDEXES: dict[str, tuple[str, str]] = {
    "ix_trgm_concierge_description": ("concierge_requests", "description"),
    "ix_trgm_users_display_name": ("users", "display_name"),
    "ix_trgm_users_email": ("users", "email"),
    "ix_trgm_purchases_payment_id": ("castars_purchases", "stripe_payment_id"),
    "ix_trgm_purchases_bundle_name": ("castars_purchases", "bundle_name"),
}


def _fts_ddl(fts: str, source: str, columns: tuple[str, ...]) -> list[str]:
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({names}, content='{source}',"
        " content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {source} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {source} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {names} ON {source}"
        f" BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def create_statements(dialect: str) -> list[str]:
    """Every statement that builds the search indexes on ``dialect``."""
    if dialect == "sqlite":
        return [s for fts, (src, cols) in FTS_TABLES.items() for s in _fts_ddl(fts, src, cols)]
    if dialect == "postgresql":
        return ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (lower({column}) gin_trgm_ops)"
            for name, (table, column) in TRGM_INDEXES.items()
        ]
    return []


def drop_statements(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [
            statement
            for fts in FTS_TABLES
            for statement in (
                *(f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")),
                f"DROP TABLE IF EXISTS {fts}",
            )
        ]
    if dialect == "postgresql":
        return [f"DROP INDEX IF EXISTS {name}" for name in TRGM_INDEXES]
    return []


def is_search_object(name: str | None) -> bool:
    """Objects Alembic's model comparison leaves alone (they are not in the models)."""
    if not name:
        return False
    return name in TRGM_INDEXES or any(name.startswith(fts) for fts in FTS_TABLES)


@event.listens_for(SQLModel.metadata, "after_create")
def _after_create(_metadata: Any, connection: Any, **_kw: Any) -> None:
    for statement in create_statements(connection.dialect.name):
        connection.exec_driver_sql(statement)


@event.listens_for(SQLModel.metadata, "before_drop")
def _before_drop(_metadata: Any, connection: Any, **_kw: Any) -> None:
    for statement in drop_statements(connection.dialect.name):
        connection.exec_driver_sql(statement)
