"""Admin console, Grants tab: grant stars, approve or reject big grants (layout only)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.pages.admin.widgets import columns, table
from castyou.state.admin.grants import AdminGrantsState, GrantRow


def _grant_row(row: ObjectVar[GrantRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.date),
        rx.table.cell(row.user),
        rx.table.cell(row.amount),
        rx.table.cell(row.reason),
        rx.table.cell(rx.badge(row.status_label)),
        rx.table.cell(
            rx.cond(
                row.can_decide,
                rx.hstack(
                    rx.button(
                        tr("admin.approve"),
                        size="1",
                        on_click=AdminGrantsState.approve(row.id),  # type: ignore[operator]
                        id="approve-" + row.id.to(str),
                    ),
                    rx.button(
                        tr("admin.reject"),
                        size="1",
                        color_scheme="red",
                        on_click=AdminGrantsState.reject(row.id),  # type: ignore[operator]
                    ),
                ),
            )
        ),
    )


def grants_tab() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.flex(
                rx.input(name="user_id", placeholder=tr("admin.user_id"), id="grant-user"),
                rx.input(
                    name="amount", placeholder=tr("admin.amount"), type="number", id="grant-amount"
                ),
                rx.input(name="reason", placeholder=tr("admin.reason"), id="grant-reason"),
                rx.button(tr("admin.grant"), type="submit", id="grant-submit"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminGrantsState.grant,
            reset_on_submit=True,
        ),
        rx.text(AdminGrantsState.threshold_text, size="2", color_scheme="gray"),
        rx.cond(
            AdminGrantsState.form_error != "", rx.text(AdminGrantsState.form_error, color="red")
        ),
        table(
            AdminGrantsState.rows,
            _grant_row,
            "admin.no_grants",
            columns("date", "user", "amount", "reason", "status", "actions"),
        ),
        width="100%",
    )
