"""Layout pieces shared by the tabs of /admin/castars: scrolling tables, empty states, pagers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.state.admin.purchases import PurchaseRow
from castyou.state.paging import PagedList


def scroll(*children: rx.Component, **props: object) -> rx.Component:
    """A full-width box that scrolls sideways, so wide tables fit a phone."""
    return rx.box(*children, width="100%", overflow_x="auto", **props)


def receipt_link(row: ObjectVar[PurchaseRow]) -> rx.Component:
    """The link to a purchase's receipt, for rows that have one."""
    return rx.cond(
        row.receipt != "",
        rx.link(tr("admin.receipt"), href=row.receipt, class_name="admin-receipt"),
    )


def table(
    rows: rx.Var, render: Callable[[Any], rx.Component], empty_key: str, **props: object
) -> rx.Component:
    """``rows`` rendered as a scrolling table, or the ``empty_key`` text when there are none."""
    return rx.cond(
        rows.length() > 0,  # type: ignore[attr-defined]
        scroll(rx.table.root(rx.table.body(rx.foreach(rows, render))), **props),
        rx.text(tr(empty_key), color_scheme="gray"),
    )


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
