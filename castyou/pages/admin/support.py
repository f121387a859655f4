"""Admin console, Support tab: one list of what needs a human now."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.concierge import label
from castyou.components.i18n import tr
from castyou.pages.admin.widgets import columns, table
from castyou.state.admin.support import AdminSupportState, SupportRow


def _item(row: ObjectVar[SupportRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.badge(label("support.kind.", row.kind))),
        rx.table.cell(rx.link(row.title, href=row.link, class_name="support-link")),
        rx.table.cell(rx.text(row.detail, size="2")),
        rx.table.cell(rx.text(row.since, size="1")),
        rx.table.cell(
            rx.button(
                tr("support.mark_done"),
                size="1",
                variant="outline",
                on_click=AdminSupportState.mark_done(row.kind, row.ref_id),  # type: ignore[operator]
                id="done-" + row.key.to(str),
            )
        ),
        id="support-" + row.key.to(str),
    )


def support_tab() -> rx.Component:
    return rx.vstack(
        rx.text(tr("support.intro"), color_scheme="gray"),
        table(
            AdminSupportState.items,
            _item,
            "support.empty",
            columns("kind", "item", "detail", "since", "actions"),
        ),
        width="100%",
    )
