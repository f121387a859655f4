"""Admin console, Boosts tab: active features and revoking them (layout only)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.pages.admin.widgets import columns, pager, table
from castyou.services.store.features import Feature
from castyou.state.admin.boosts import AdminBoostsState, BoostRow


def _boost_row(row: ObjectVar[BoostRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.email),
        rx.table.cell(row.feature),
        rx.table.cell(row.target),
        rx.table.cell(row.ends),
        rx.table.cell(
            rx.button(
                tr("admin.revoke"),
                size="1",
                color_scheme="red",
                on_click=AdminBoostsState.revoke(row.id),  # type: ignore[operator]
                id="revoke-" + row.id.to(str),
            )
        ),
    )


def boosts_tab() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.flex(
                rx.el.select(
                    rx.el.option(tr("admin.any_feature"), value=""),
                    *[
                        rx.el.option(tr(f"store.feature.{f.value}.name"), value=f.value)
                        for f in Feature
                    ],
                    name="feature",
                    aria_label=tr("admin.col.feature"),
                ),
                rx.button(tr("admin.apply"), type="submit"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminBoostsState.filter,
        ),
        table(
            AdminBoostsState.rows,
            _boost_row,
            "admin.no_boosts",
            columns(
                "email",
                "feature",
                "target",
                "ends",
                "actions",
                sortable=AdminBoostsState.sortable,
            ),
            sort_state=AdminBoostsState,
        ),
        pager(AdminBoostsState, "boosts"),
        width="100%",
    )
