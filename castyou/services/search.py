"""Indexed "contains" search for the admin and concierge lists.

A term matches a row when it occurs anywhere in the searched text, in any case, as
the ``LIKE '%term%'`` scans did, but answered from an index
(``castyou/models/search_index.py``): FTS5 trigram tables on SQLite, ``pg_trgm`` GIN
indexes on PostgreSQL. Terms shorter than three characters carry no trigram; they
fall back to a scan (short, so rarely what anyone searches for).

The ``*_ids`` builders return the ids of the matching rows as a subquery, for
``col.in_(...)``; :func:`concierge_ids` decides between the index and an ordered scan.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import CompoundSelect, Integer, Select, column, func, or_, select, text
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import TextualSelect
from sqlmodel import Session, col

from castyou.models.concierge import ConciergeRequest
from castyou.models.payments import CasTarsPurchase
from castyou.models.user import User

MIN_INDEXED = 3
FEW = 2_000


def _phrase(term: str) -> str:
    """An FTS5 phrase: the whole term as one substring, quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def _fts_ids(table: str, term: str, name: str) -> TextualSelect:
    return (
        text(f"SELECT rowid FROM {table} WHERE {table} MATCH :{name}")
        .bindparams(**{name: _phrase(term)})
        .columns(column("rowid", Integer))
    )


def _contains(column_: object, term: str) -> ColumnElement[bool]:
    return func.lower(column_).contains(term.lower(), autoescape=True)


def _indexed(dialect: str, term: str) -> bool:
    return dialect == "sqlite" and len(term) >= MIN_INDEXED


def user_ids(dialect: str, term: str) -> Select | TextualSelect:
    """Users whose e-mail or display name contains ``term``."""
    if _indexed(dialect, term):
        return _fts_ids("users_fts", term, "users_q")
    return select(col(User.id)).where(
        or_(_contains(col(User.email), term), _contains(col(User.display_name), term))
    )


def concierge_request_ids(dialect: str, term: str) -> CompoundSelect:
    """Requests whose description, or whose requester's name or e-mail, contains ``term``."""
    by_requester = select(col(ConciergeRequest.id)).where(
        col(ConciergeRequest.user_id).in_(user_ids(dialect, term))
    )
    by_text: Select[Any]
    if _indexed(dialect, term):
        by_text = select(column("rowid", Integer)).select_from(
            _fts_ids("concierge_requests_fts", term, "requests_q").subquery()
        )
    else:
        by_text = select(col(ConciergeRequest.id)).where(
            _contains(col(ConciergeRequest.description), term)
        )
    return by_text.union_all(by_requester)


def concierge_ids(session: Session, term: str, cap: int = FEW) -> list[int] | None:
    """The ids of the requests matching ``term`` when there are at most ``cap`` of them.

    None means the term is common: the caller then filters rows while reading its
    page in index order, which finds a page of matches after a few rows.
    """
    dialect = session.get_bind().dialect.name
    query = concierge_request_ids(dialect, term).limit(cap + 1)
    found = session.connection().execute(query).scalars().all()
    return None if len(found) > cap else sorted(set(found))


def purchase_ids(dialect: str, term: str) -> Select | TextualSelect:
    """Purchases whose payment id or bundle name contains ``term``."""
    if _indexed(dialect, term):
        return _fts_ids("castars_purchases_fts", term, "purchases_q")
    return select(col(CasTarsPurchase.id)).where(
        or_(
            _contains(col(CasTarsPurchase.stripe_payment_id), term),
            _contains(col(CasTarsPurchase.bundle_name), term),
        )
    )
