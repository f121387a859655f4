"""Layout pieces shared by the tabs of /admin/castars: scrolling tables, empty states, pagers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr

Row = ObjectVar[dict[str, str]]


def scroll(*children: rx.Component, **props: object) -> rx.Component:
    """A full-width box that scrolls sideways, so wide tables fit a phone."""
    return rx.box(*children, width="100%", overflow_x="auto", **props)


def receipt_link(row: Row) -> rx.Component:
    """The link to a purchase's receipt, for rows that have one."""
    return rx.cond(
        row["receipt"] != "",
        rx.link(tr("admin.receipt"), href=row["receipt"], class_name="admin-receipt"),
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


def pager(state: type, prefix: str) -> rx.Component:
    """Previous/next buttons for a state with ``turn_page``, ``has_prev`` and ``has_next``."""
    return rx.hstack(
        rx.button(
            tr("admin.prev"),
            on_click=state.turn_page(-1),  # type: ignore[attr-defined]
            disabled=~state.has_prev,  # type: ignore[attr-defined]
            variant="soft",
            id=f"{prefix}-prev",
        ),
        rx.button(
            tr("admin.next"),
            on_click=state.turn_page(1),  # type: ignore[attr-defined]
            disabled=~state.has_next,  # type: ignore[attr-defined]
            variant="soft",
            id=f"{prefix}-next",
        ),
    )
