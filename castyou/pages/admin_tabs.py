"""Tab panels of /admin/castars: grants and the audit log (layout only)."""

from __future__ import annotations

import reflex as rx

from castyou.components.i18n import tr
from castyou.pages.admin_widgets import Row, pager, table
from castyou.state.admin_audit import AdminAuditState
from castyou.state.admin_grants import AdminGrantsState


def _grant_row(row: Row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["date"]),
        rx.table.cell(row["user"]),
        rx.table.cell(row["amount"]),
        rx.table.cell(row["reason"]),
        rx.table.cell(rx.badge(row["status_label"])),
        rx.table.cell(
            rx.cond(
                row["can_decide"] != "",
                rx.hstack(
                    rx.button(
                        tr("admin.approve"),
                        size="1",
                        on_click=AdminGrantsState.approve(row["id"]),  # type: ignore[operator]
                        id="approve-" + row["id"].to(str),
                    ),
                    rx.button(
                        tr("admin.reject"),
                        size="1",
                        color_scheme="red",
                        on_click=AdminGrantsState.reject(row["id"]),  # type: ignore[operator]
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
        table(AdminGrantsState.grants, _grant_row, "admin.no_grants"),
        width="100%",
    )


def _audit_row(row: Row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["date"]),
        rx.table.cell(row["admin"]),
        rx.table.cell(row["action"]),
        rx.table.cell(row["target"]),
        rx.table.cell(rx.code(row["before"])),
        rx.table.cell(rx.code(row["after"])),
        rx.table.cell(row["note"]),
    )


def audit_tab() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.flex(
                rx.input(name="admin_id", placeholder=tr("admin.admin_id")),
                rx.input(name="action", placeholder=tr("admin.action")),
                rx.input(name="target_type", placeholder=tr("admin.target_type")),
                rx.input(name="target_id", placeholder=tr("admin.target_id")),
                rx.input(name="since", type="date"),
                rx.input(name="until", type="date"),
                rx.button(tr("admin.apply"), type="submit", id="audit-filter"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminAuditState.filter,
        ),
        table(AdminAuditState.rows, _audit_row, "admin.no_actions"),
        pager(AdminAuditState, "audit"),
        width="100%",
    )
