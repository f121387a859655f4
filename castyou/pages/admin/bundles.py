"""Admin console, Bundles tab: edit prices, stars and availability (layout only)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.pages.admin.widgets import columns, table
from castyou.state.admin.bundles import AdminBundlesState, BundleRow


def _bundle_fields(prefix: str, row: ObjectVar[BundleRow] | None = None) -> list[rx.Component]:
    """The name/stars/bonus/price inputs, filled from ``row`` when editing."""
    name, stars, bonus, price = (
        (row.name, row.stars_raw, row.bonus_raw, row.price_raw) if row is not None else ("",) * 4
    )
    return [
        rx.input(
            name="name",
            placeholder=tr("admin.bundle_name"),
            default_value=name,
            id=f"{prefix}-name",
        ),
        rx.input(
            name="stars",
            placeholder=tr("admin.bundle_stars"),
            type="number",
            default_value=stars,
            id=f"{prefix}-stars",
        ),
        rx.input(
            name="bonus_stars",
            placeholder=tr("admin.bundle_bonus"),
            type="number",
            default_value=bonus,
            id=f"{prefix}-bonus",
        ),
        rx.input(
            name="price",
            placeholder=tr("admin.bundle_price"),
            default_value=price,
            id=f"{prefix}-price",
        ),
    ]


def _bundle_row(row: ObjectVar[BundleRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row.name, weight="bold"), rx.text(row.id, size="1")),
        rx.table.cell(row.stars, " + ", row.bonus),
        rx.table.cell(row.price),
        rx.table.cell(row.purchases),
        rx.table.cell(
            rx.cond(
                row.active,
                rx.button(
                    tr("admin.deactivate"),
                    size="1",
                    variant="soft",
                    on_click=AdminBundlesState.set_active(row.id, False),  # type: ignore[operator]
                    id="deactivate-" + row.id.to(str),
                ),
                rx.button(
                    tr("admin.activate"),
                    size="1",
                    on_click=AdminBundlesState.set_active(row.id, True),  # type: ignore[operator]
                    id="activate-" + row.id.to(str),
                ),
            ),
            rx.button(
                tr("admin.edit"),
                size="1",
                variant="outline",
                on_click=AdminBundlesState.start_edit(row.id),  # type: ignore[operator]
                id="edit-" + row.id.to(str),
            ),
            rx.cond(
                row.deletable,
                rx.button(
                    tr("admin.delete"),
                    size="1",
                    color_scheme="red",
                    variant="outline",
                    on_click=AdminBundlesState.delete(row.id),  # type: ignore[operator]
                ),
            ),
        ),
    )


def _edit_row(row: ObjectVar[BundleRow]) -> rx.Component:
    return rx.cond(
        row.id == AdminBundlesState.editing,
        rx.form(
            rx.flex(
                *_bundle_fields("edit", row),
                rx.button(tr("admin.save"), type="submit", id="edit-save"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminBundlesState.save_edit,
        ),
    )


def _edit_form() -> rx.Component:
    return rx.cond(
        AdminBundlesState.editing != "",
        rx.card(
            rx.text(tr("admin.editing"), " ", AdminBundlesState.editing, weight="bold"),
            rx.foreach(AdminBundlesState.rows, _edit_row),
            width="100%",
        ),
    )


def bundles_tab() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.flex(
                rx.input(name="code", placeholder=tr("admin.bundle_code"), id="bundle-code"),
                *_bundle_fields("bundle"),
                rx.button(tr("admin.create"), type="submit", id="bundle-create"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminBundlesState.create,
        ),
        rx.cond(
            AdminBundlesState.form_error != "",
            rx.text(AdminBundlesState.form_error, color="red", id="bundle-error"),
        ),
        _edit_form(),
        table(
            AdminBundlesState.rows,
            _bundle_row,
            "admin.no_bundles",
            columns("bundle", "stars", "price", "purchases", "actions"),
        ),
        width="100%",
    )
