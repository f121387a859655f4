"""Layout pieces shared by the tabs of /admin/castars: scrolling tables, empty states, pagers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.state.admin.purchases import PurchaseRow
from castyou.state.paging import PagedList


@dataclass(frozen=True)
class Column:
    """A table column: its header (``admin.col.<key>``) and, when sortable, its sort field."""

    key: str
    sort: str = ""


def columns(*keys: str, sortable: tuple[str, ...] = ()) -> list[Column]:
    """Columns by key; those named in ``sortable`` sort by the same name."""
    return [Column(key, key if key in sortable else "") for key in keys]


def scroll(*children: rx.Component, **props: object) -> rx.Component:
    """A full-width box that scrolls sideways, so wide tables fit a phone.

    It takes keyboard focus (arrow keys scroll it); Radix's own scroll area inside a
    table is switched off in castyou.css so there is one scrolling region, not two.
    """
    return rx.box(
        *children,
        width="100%",
        class_name="table-scroll",
        tab_index=0,
        role="region",
        aria_label=tr("admin.table_region"),
        **props,
    )


def _sort_header(column: Column, state: type[PagedList]) -> rx.Component:
    active = state.sort_field == column.sort
    if column.sort == "date":
        active = active | (state.sort_field == "")
    arrow = rx.cond(
        active,
        rx.cond(state.sort_desc, rx.icon("arrow-down", size=12), rx.icon("arrow-up", size=12)),
        rx.icon("arrow-up-down", size=12, opacity="0.4"),
    )
    return rx.table.column_header_cell(
        rx.el.button(
            tr(f"admin.col.{column.key}"),
            arrow,
            type="button",
            on_click=state.sort_by(column.sort),  # type: ignore[operator]
            class_name="sort-button",
            id=f"sort-{column.key}",
        ),
        aria_sort=rx.cond(active, rx.cond(state.sort_desc, "descending", "ascending"), "none"),
        white_space="nowrap",
    )


def _header(cols: list[Column], state: type[PagedList] | None) -> rx.Component:
    return rx.table.header(
        rx.table.row(
            *[
                _sort_header(column, state)
                if state is not None and column.sort
                else rx.table.column_header_cell(
                    tr(f"admin.col.{column.key}"), white_space="nowrap"
                )
                for column in cols
            ]
        )
    )


def receipt_link(row: ObjectVar[PurchaseRow]) -> rx.Component:
    """The link to a purchase's receipt, for rows that have one."""
    return rx.cond(
        row.receipt != "",
        rx.link(tr("admin.receipt"), href=row.receipt, class_name="admin-receipt"),
    )


def table(
    rows: rx.Var,
    render: Callable[[Any], rx.Component],
    empty_key: str,
    cols: list[Column],
    sort_state: type[PagedList] | None = None,
    **props: object,
) -> rx.Component:
    """``rows`` as a scrolling table with column headers (sortable ones when ``sort_state``
    is given), or the ``empty_key`` text when there are none."""
    return rx.cond(
        rows.length() > 0,  # type: ignore[attr-defined]
        scroll(
            rx.table.root(
                _header(cols, sort_state),
                rx.table.body(rx.foreach(rows, render)),
                size="1",
                variant="surface",
            ),
            **props,
        ),
        rx.text(tr(empty_key), color_scheme="gray"),
    )


def actions(*children: rx.Component) -> rx.Component:
    """A row's action buttons, kept apart and on one line."""
    return rx.hstack(*children, spacing="2", align="center", wrap="nowrap")


def pager(state: type[PagedList], prefix: str) -> rx.Component:
    """Previous/next buttons for a :class:`PagedList` state."""
    return rx.hstack(
        rx.button(
            tr("admin.prev"),
            on_click=state.turn_page(-1),  # type: ignore[operator]
            disabled=~state.has_prev,
            variant="soft",
            id=f"{prefix}-prev",
        ),
        rx.button(
            tr("admin.next"),
            on_click=state.turn_page(1),  # type: ignore[operator]
            disabled=~state.has_next,
            variant="soft",
            id=f"{prefix}-next",
        ),
    )
