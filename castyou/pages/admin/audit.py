"""Admin console, Audit tab: every admin action, filterable (layout only)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.pages.admin.widgets import columns, pager, table
from castyou.state.admin.audit import AdminAuditState, AuditRow


def _audit_row(row: ObjectVar[AuditRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.date),
        rx.table.cell(row.admin),
        rx.table.cell(row.action),
        rx.table.cell(row.target),
        rx.table.cell(
            rx.el.ul(rx.foreach(row.changes, rx.el.li), class_name="audit-diff"),
            min_width="16rem",
        ),
        rx.table.cell(row.note),
    )


def audit_tab() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.flex(
                rx.input(name="admin_id", placeholder=tr("admin.admin_id")),
                rx.input(name="action", placeholder=tr("admin.action")),
                rx.input(name="target_type", placeholder=tr("admin.target_type")),
                rx.input(name="target_id", placeholder=tr("admin.target_id")),
                rx.input(name="since", type="date", aria_label=tr("admin.from")),
                rx.input(name="until", type="date", aria_label=tr("admin.to")),
                rx.button(tr("admin.apply"), type="submit", id="audit-filter"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminAuditState.filter,
        ),
        table(
            AdminAuditState.rows,
            _audit_row,
            "admin.no_actions",
            columns(
                "date",
                "admin",
                "action",
                "target",
                "changes",
                "note",
                sortable=AdminAuditState.sortable,
            ),
            sort_state=AdminAuditState,
        ),
        pager(AdminAuditState, "audit"),
        width="100%",
    )
