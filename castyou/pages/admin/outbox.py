"""Admin console, Outbox tab: the e-mails the app wrote (the mailbox in development)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.models.support import EmailStatus
from castyou.pages.admin.widgets import columns, pager, table
from castyou.state.admin.outbox import AdminOutboxState, OutboxRow


def _mail(row: ObjectVar[OutboxRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row.created, size="1")),
        rx.table.cell(row.recipient, class_name="mail-to"),
        rx.table.cell(
            rx.vstack(
                rx.text(row.subject, weight="medium", class_name="mail-subject"),
                rx.text(row.body, size="1", white_space="pre-wrap", color_scheme="gray"),
                spacing="1",
            )
        ),
        rx.table.cell(rx.badge(row.status), rx.text(row.error, size="1", color_scheme="red")),
        rx.table.cell(row.attempts),
        class_name="outbox-row",
    )


def outbox_tab() -> rx.Component:
    return rx.vstack(
        rx.text(tr("email.outbox_hint"), color_scheme="gray"),
        rx.form(
            rx.flex(
                rx.el.select(
                    rx.el.option(tr("admin.any_outcome"), value=""),
                    *[rx.el.option(s.value, value=s.value) for s in EmailStatus],
                    name="status",
                ),
                rx.button(tr("admin.apply"), type="submit"),
                spacing="2",
            ),
            on_submit=AdminOutboxState.filter,
        ),
        table(
            AdminOutboxState.rows,
            _mail,
            "email.empty",
            columns(
                "date",
                "recipient",
                "message",
                "status",
                "attempts",
                sortable=AdminOutboxState.sortable,
            ),
            sort_state=AdminOutboxState,
        ),
        pager(AdminOutboxState, "outbox"),
        width="100%",
    )
