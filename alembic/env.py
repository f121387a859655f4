"""Alembic environment: the schema is ``SQLModel.metadata``; the URL comes from settings."""

from sqlmodel import SQLModel

import castyou.models  # noqa: F401  (registers every table)
from alembic import context
from castyou.db import make_engine
from castyou.models.search_index import is_search_object
from castyou.settings import get_settings

config = context.config
target_metadata = SQLModel.metadata


def _include_object(_obj, name, _type, _reflected, _compare_to) -> bool:  # type: ignore[no-untyped-def]
    # Text-search tables and indexes are built by migration 0008, not declared in models.
    return not is_search_object(name)


def _url() -> str:
    return config.attributes.get("database_url") or get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        compare_type=True,
        include_object=_include_object,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url(), bounded_statements=False)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        include_object=_include_object,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
