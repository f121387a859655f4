"""/admin/concierge — the concierge team's queue (admins only)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from castyou.components.concierge import label, status_badge
from castyou.components.i18n import tr
from castyou.components.shell import admin_only
from castyou.pages.admin.concierge_detail import detail_panel
from castyou.services.admin.concierge import SEARCH_MAX, STATUS_FILTERS
from castyou.state.admin.concierge import UNASSIGNED, AdminConciergeState
from castyou.state.admin.concierge_detail import AdminConciergeDetailState

_STATUSES = ("PENDING", "IN_PROGRESS", "FULFILLED", "CANCELLED")


def _filter_label(value: str) -> rx.Var[str]:
    if value in ("OPEN", "ALL"):
        return tr(f"admin_concierge.filter.{value}")
    return tr(f"concierge.status.{value}")


def _filters() -> rx.Component:
    return rx.flex(
        rx.select.root(
            rx.select.trigger(aria_label=tr("admin_concierge.filter_status"), id="status-filter"),
            rx.select.content(*[rx.select.item(_filter_label(v), value=v) for v in STATUS_FILTERS]),
            value=AdminConciergeState.status_filter,
            on_change=AdminConciergeState.set_status_filter,
        ),
        rx.select.root(
            rx.select.trigger(id="sort", aria_label=tr("admin_concierge.sort_label")),
            rx.select.content(
                rx.select.item(tr("admin_concierge.sort.sla"), value="sla"),
                rx.select.item(tr("admin_concierge.sort.created"), value="created"),
            ),
            value=AdminConciergeState.sort,
            on_change=AdminConciergeState.set_sort,
        ),
        rx.form(
            rx.input(
                name="search",
                placeholder=tr("admin_concierge.search"),
                id="queue-search",
                type="search",
                max_length=SEARCH_MAX,
                width="100%",
            ),
            on_submit=AdminConciergeState.apply_search,
            reset_on_submit=False,
            flex_grow="1",
            min_width="12rem",
        ),
        rx.text(
            rx.flex(
                rx.switch(
                    checked=AdminConciergeState.assigned_to_me,
                    on_change=AdminConciergeState.set_assigned_to_me,
                    id="assigned-to-me",
                    aria_label=tr("admin_concierge.assigned_to_me"),
                ),
                tr("admin_concierge.assigned_to_me"),
                spacing="2",
            ),
            as_="label",
            size="2",
        ),
        spacing="3",
        wrap="wrap",
        align="center",
        width="100%",
    )


def _status_select(row: Any) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="status-" + row.id.to_string(), variant="soft"),
        rx.select.content(
            *[
                rx.select.item(label("concierge.status.", rx.Var.create(s)), value=s)
                for s in _STATUSES
            ]
        ),
        value=row.status,
        on_change=lambda value: AdminConciergeState.change_status(row.id, value),  # type: ignore[operator]
        disabled=(row.status == "FULFILLED") | (row.status == "CANCELLED"),
        size="1",
    )


def _assignee_select(row: Any) -> rx.Component:
    return rx.hstack(
        rx.select.root(
            rx.select.trigger(
                placeholder=tr("admin_concierge.unassigned"), id="assignee-" + row.id.to_string()
            ),
            rx.select.content(
                rx.select.item(tr("admin_concierge.unassigned"), value=UNASSIGNED),
                rx.foreach(
                    AdminConciergeState.admins,
                    lambda admin: rx.select.item(admin.name, value=admin.id),
                ),
            ),
            value=rx.cond(row.assignee_id != "", row.assignee_id, UNASSIGNED),
            on_change=lambda value: AdminConciergeState.assign(row.id, value),  # type: ignore[operator]
            size="1",
        ),
        rx.button(
            tr("admin_concierge.assign_to_me"),
            size="1",
            variant="ghost",
            on_click=AdminConciergeState.assign_to_me(row.id),  # type: ignore[operator]
            id="assign-me-" + row.id.to_string(),
        ),
        spacing="2",
        align="center",
    )


def _row(row: Any) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.text("#", row.id.to_string(), weight="bold"),
                status_badge(row.status),
                rx.badge(label("concierge.type.", row.type), variant="outline"),
                rx.text(row.requester, size="2", weight="medium", class_name="requester"),
                rx.cond(row.overdue, rx.badge(tr("concierge.overdue"), color_scheme="red")),
                rx.text(
                    row.due_text,
                    size="1",
                    color_scheme=rx.cond(row.overdue, "red", "gray"),
                    weight=rx.cond(row.overdue, "bold", "regular"),
                ),
                rx.cond(
                    row.time_left != "",
                    rx.badge(
                        row.time_left,
                        variant="soft",
                        color_scheme=rx.cond(row.overdue, "red", "gray"),
                        class_name="time-left",
                    ),
                ),
                rx.cond(
                    row.rating > 0, rx.badge("★ ", row.rating.to_string(), color_scheme="yellow")
                ),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            rx.text(row.description, size="2", trim="both", class_name="queue-description"),
            rx.flex(
                _status_select(row),
                _assignee_select(row),
                rx.button(
                    tr("concierge.open"),
                    size="1",
                    on_click=AdminConciergeDetailState.open_request(row.id),  # type: ignore[operator]
                    id="open-" + row.id.to_string(),
                ),
                spacing="3",
                wrap="wrap",
                align="center",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id="queue-row-" + row.id.to_string(),
        style=rx.cond(row.overdue, {"borderLeft": "4px solid var(--red-9)"}, {}),
    )


def _pager() -> rx.Component:
    return rx.hstack(
        rx.button(
            tr("admin_concierge.previous"),
            variant="soft",
            disabled=AdminConciergeState.page <= 1,
            on_click=AdminConciergeState.previous_page,
        ),
        rx.text(AdminConciergeState.page.to_string(), size="2"),
        rx.button(
            tr("admin_concierge.next"),
            variant="soft",
            disabled=~AdminConciergeState.has_next,
            on_click=AdminConciergeState.next_page,
        ),
        align="center",
    )


def admin_concierge_page() -> rx.Component:
    return admin_only(
        rx.vstack(
            rx.heading(tr("nav.admin_concierge"), size="6", id="admin-concierge-title"),
            _filters(),
            detail_panel(),
            rx.cond(
                AdminConciergeState.loaded & (AdminConciergeState.rows.length() == 0),
                rx.text(tr("admin_concierge.empty"), color_scheme="gray", id="queue-empty"),
            ),
            rx.vstack(rx.foreach(AdminConciergeState.rows, _row), width="100%", id="queue"),
            _pager(),
            spacing="4",
            width="100%",
        )
    )
