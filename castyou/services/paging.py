"""One page of rows with a few pinned ids first (boosted talents, featured jobs).

Two indexed queries instead of one ``ORDER BY CASE``: the pinned rows (few), then the
rest in index order with the offset shifted by how many pinned rows matched, so a
page never sorts the whole table.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session


def pinned_page(
    *,
    session: Session,
    query: Any,
    id_column: Any,
    order: list[Any],
    pinned: set[int],
    page: int,
    size: int,
) -> tuple[list[Any], bool]:
    """Rows of ``page`` (pinned first) and whether another page follows."""
    pinned_rows: list[Any] = []
    if pinned:
        pinned_rows = list(session.exec(query.where(id_column.in_(pinned)).order_by(*order)).all())
        query = query.where(id_column.not_in(pinned))
    start, stop = page * size, (page + 1) * size + 1
    first = pinned_rows[start:stop]
    offset = max(0, start - len(pinned_rows))
    rest = session.exec(
        query.order_by(*order).offset(offset).limit(stop - start - len(first))
    ).all()
    rows = [*first, *rest]
    return rows[:size], len(rows) > size
