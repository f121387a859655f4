"""Tab panels of /admin/castars for what users bought: bundles, purchases, boosts, webhooks."""

from __future__ import annotations

import reflex as rx

from castyou.components.i18n import tr
from castyou.models.payments import DeliveryOutcome, PurchaseStatus
from castyou.pages.admin_widgets import Row, pager, receipt_link, table
from castyou.services.features import Feature
from castyou.state.admin_boosts import AdminBoostsState
from castyou.state.admin_bundles import AdminBundlesState
from castyou.state.admin_purchases import AdminPurchasesState
from castyou.state.admin_webhooks import AdminWebhooksState


def _bundle_fields(prefix: str, row: Row | None = None) -> list[rx.Component]:
    def value(key: str) -> rx.Var | str:
        return row[key] if row is not None else ""

    return [
        rx.input(
            name="name",
            placeholder=tr("admin.bundle_name"),
            default_value=value("name"),
            id=f"{prefix}-name",
        ),
        rx.input(
            name="stars",
            placeholder=tr("admin.bundle_stars"),
            type="number",
            default_value=value("stars_raw"),
            id=f"{prefix}-stars",
        ),
        rx.input(
            name="bonus_stars",
            placeholder=tr("admin.bundle_bonus"),
            type="number",
            default_value=value("bonus_raw"),
            id=f"{prefix}-bonus",
        ),
        rx.input(
            name="price",
            placeholder=tr("admin.bundle_price"),
            default_value=value("price_raw"),
            id=f"{prefix}-price",
        ),
    ]


def _bundle_row(row: Row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row["name"], weight="bold"), rx.text(row["id"], size="1")),
        rx.table.cell(row["stars"], " + ", row["bonus"]),
        rx.table.cell(row["price"]),
        rx.table.cell(row["purchases"]),
        rx.table.cell(
            rx.cond(
                row["active"] != "",
                rx.button(
                    tr("admin.deactivate"),
                    size="1",
                    variant="soft",
                    on_click=AdminBundlesState.set_active(row["id"], False),  # type: ignore[operator]
                    id="deactivate-" + row["id"].to(str),
                ),
                rx.button(
                    tr("admin.activate"),
                    size="1",
                    on_click=AdminBundlesState.set_active(row["id"], True),  # type: ignore[operator]
                    id="activate-" + row["id"].to(str),
                ),
            ),
            rx.button(
                tr("admin.edit"),
                size="1",
                variant="outline",
                on_click=AdminBundlesState.start_edit(row["id"]),  # type: ignore[operator]
                id="edit-" + row["id"].to(str),
            ),
            rx.cond(
                row["deletable"] != "",
                rx.button(
                    tr("admin.delete"),
                    size="1",
                    color_scheme="red",
                    variant="outline",
                    on_click=AdminBundlesState.delete(row["id"]),  # type: ignore[operator]
                ),
            ),
        ),
    )


def _edit_form() -> rx.Component:
    return rx.cond(
        AdminBundlesState.editing != "",
        rx.card(
            rx.text(tr("admin.editing"), " ", AdminBundlesState.editing, weight="bold"),
            rx.foreach(
                AdminBundlesState.bundles,
                lambda row: rx.cond(
                    row["id"] == AdminBundlesState.editing,
                    rx.form(
                        rx.flex(
                            *_bundle_fields("edit", row),
                            rx.button(tr("admin.save"), type="submit", id="edit-save"),
                            wrap="wrap",
                            spacing="2",
                        ),
                        on_submit=AdminBundlesState.save_edit,
                    ),
                ),
            ),
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
        table(AdminBundlesState.bundles, _bundle_row, "admin.no_bundles"),
        width="100%",
    )


def _purchase_row(row: Row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["date"]),
        rx.table.cell(row["email"]),
        rx.table.cell(row["bundle"]),
        rx.table.cell(row["stars"]),
        rx.table.cell(row["price"]),
        rx.table.cell(row["status"]),
        rx.table.cell(
            receipt_link(row),
            rx.cond(
                row["refundable"] != "",
                rx.button(
                    tr("admin.refund"),
                    size="1",
                    color_scheme="red",
                    variant="outline",
                    loading=AdminPurchasesState.refunding,
                    on_click=AdminPurchasesState.refund(row["id"]),  # type: ignore[operator]
                    id="refund-" + row["id"].to(str),
                ),
            ),
        ),
    )


def purchases_tab() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.flex(
                rx.input(name="user", placeholder=tr("admin.user_filter"), id="purchase-user"),
                rx.el.select(
                    rx.el.option(tr("admin.any_status"), value=""),
                    *[
                        rx.el.option(tr(f"admin.purchase_status.{s.value}"), value=s.value)
                        for s in PurchaseStatus
                    ],
                    name="status",
                    id="purchase-status",
                ),
                rx.input(name="since", type="date"),
                rx.input(name="until", type="date"),
                rx.button(tr("admin.apply"), type="submit", id="purchase-filter"),
                rx.button(
                    tr("admin.export_csv"),
                    type="button",
                    variant="outline",
                    on_click=AdminPurchasesState.export_csv,
                    id="purchase-export",
                ),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminPurchasesState.filter,
        ),
        rx.text(AdminPurchasesState.totals_text, weight="bold", id="purchase-totals"),
        table(AdminPurchasesState.rows, _purchase_row, "admin.no_purchases"),
        pager(AdminPurchasesState, "purchases"),
        width="100%",
    )


def _boost_row(row: Row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["email"]),
        rx.table.cell(row["feature"]),
        rx.table.cell(row["target"]),
        rx.table.cell(row["ends"]),
        rx.table.cell(
            rx.button(
                tr("admin.revoke"),
                size="1",
                color_scheme="red",
                on_click=AdminBoostsState.revoke(row["id"]),  # type: ignore[operator]
                id="revoke-" + row["id"].to(str),
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
                ),
                rx.button(tr("admin.apply"), type="submit"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminBoostsState.filter,
        ),
        table(AdminBoostsState.rows, _boost_row, "admin.no_boosts"),
        width="100%",
    )


def _delivery_row(row: Row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["received"]),
        rx.table.cell(row["event"], rx.text(row["event_id"], size="1")),
        rx.table.cell(rx.badge(row["outcome"])),
        rx.table.cell(row["error"]),
        rx.table.cell(row["attempts"]),
        rx.table.cell(
            rx.button(
                tr("admin.replay"),
                size="1",
                variant="outline",
                on_click=AdminWebhooksState.replay(row["id"]),  # type: ignore[operator]
                id="replay-" + row["id"].to(str),
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
                ),
                rx.button(tr("admin.apply"), type="submit"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminWebhooksState.filter,
        ),
        table(AdminWebhooksState.rows, _delivery_row, "admin.no_deliveries"),
        width="100%",
    )
