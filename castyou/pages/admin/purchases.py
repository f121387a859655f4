"""Admin console, Purchases tab: filters, totals, receipts, refunds (layout only)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.models.payments import PurchaseStatus
from castyou.pages.admin.widgets import actions, columns, pager, receipt_link, table
from castyou.state.admin.purchases import AdminPurchasesState, PurchaseRow


def _purchase_row(row: ObjectVar[PurchaseRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.date),
        rx.table.cell(row.email),
        rx.table.cell(row.bundle),
        rx.table.cell(row.stars),
        rx.table.cell(row.price),
        rx.table.cell(row.status),
        rx.table.cell(
            actions(
                receipt_link(row),
                rx.cond(
                    row.refundable,
                    rx.button(
                        tr("admin.refund"),
                        size="1",
                        color_scheme="red",
                        variant="outline",
                        on_click=AdminPurchasesState.ask_refund(row.id),  # type: ignore[operator]
                        id="refund-" + row.id.to(str),
                    ),
                ),
            ),
        ),
    )


def _refund_dialog() -> rx.Component:
    """Amount (all that is left by default), a required reason, Confirm with the click key."""
    dialog: Any = AdminPurchasesState.refund_dialog
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(tr("admin.refund_title")),
            rx.alert_dialog.description(
                tr("admin.refund_left"), " ", dialog.left, id="refund-left"
            ),
            rx.form(
                rx.el.input(type="hidden", name="purchase_id", value=dialog.purchase_id.to(str)),
                rx.el.input(type="hidden", name="idempotency_key", value=dialog.click_key),
                rx.vstack(
                    rx.text(tr("admin.refund_amount_hint"), size="2"),
                    rx.input(
                        name="amount",
                        placeholder=dialog.max_amount,
                        inputmode="decimal",
                        id="refund-amount",
                        width="100%",
                    ),
                    rx.text_area(
                        name="reason",
                        placeholder=tr("admin.reason"),
                        required=True,
                        max_length=200,
                        id="refund-reason",
                        width="100%",
                    ),
                    rx.hstack(
                        rx.alert_dialog.cancel(
                            rx.button(
                                tr("common.cancel"),
                                type="button",
                                variant="soft",
                                color_scheme="gray",
                                on_click=AdminPurchasesState.close_refund,
                            )
                        ),
                        rx.button(
                            tr("admin.refund_confirm"),
                            type="submit",
                            color_scheme="red",
                            id="refund-confirm",
                        ),
                        justify="end",
                        width="100%",
                    ),
                    spacing="2",
                ),
                on_submit=AdminPurchasesState.refund,
            ),
        ),
        open=dialog.purchase_id != 0,
    )


def purchases_tab() -> rx.Component:
    return rx.vstack(
        _refund_dialog(),
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
                    aria_label=tr("admin.col.status"),
                ),
                rx.input(name="since", type="date", aria_label=tr("admin.from")),
                rx.input(name="until", type="date", aria_label=tr("admin.to")),
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
        table(
            AdminPurchasesState.rows,
            _purchase_row,
            "admin.no_purchases",
            columns(
                "date",
                "email",
                "bundle",
                "stars",
                "price",
                "status",
                "actions",
                sortable=AdminPurchasesState.sortable,
            ),
            sort_state=AdminPurchasesState,
        ),
        pager(AdminPurchasesState, "purchases"),
        width="100%",
    )
