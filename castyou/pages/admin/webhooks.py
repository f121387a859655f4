"""Admin console, Webhooks tab: deliveries and replay (layout only)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.models.payments import DeliveryOutcome
from castyou.pages.admin.widgets import columns, pager, table
from castyou.state.admin.webhooks import AdminWebhooksState, DeliveryRow


def _delivery_row(row: ObjectVar[DeliveryRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.received),
        rx.table.cell(row.event, rx.text(row.event_id, size="1")),
        rx.table.cell(rx.badge(row.outcome)),
        rx.table.cell(row.error),
        rx.table.cell(row.attempts),
        rx.table.cell(
            rx.button(
                tr("admin.replay"),
                size="1",
                variant="outline",
                on_click=AdminWebhooksState.replay(row.id),  # type: ignore[operator]
                id="replay-" + row.id.to(str),
            )
        ),
    )


def webhooks_tab() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.flex(
                rx.el.select(
                    rx.el.option(tr("admin.any_outcome"), value=""),
                    *[rx.el.option(o.value, value=o.value) for o in DeliveryOutcome],
                    name="outcome",
                    aria_label=tr("admin.col.outcome"),
                ),
                rx.button(tr("admin.apply"), type="submit"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminWebhooksState.filter,
        ),
        table(
            AdminWebhooksState.rows,
            _delivery_row,
            "admin.no_deliveries",
            columns(
                "received",
                "event",
                "outcome",
                "error",
                "attempts",
                "actions",
                sortable=AdminWebhooksState.sortable,
            ),
            sort_state=AdminWebhooksState,
        ),
        pager(AdminWebhooksState, "webhooks"),
        width="100%",
    )
