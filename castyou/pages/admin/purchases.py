"""Admin console, Purchases tab: filters, totals, receipts, refunds (layout only)."""

from __future__ import annotations

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
                        loading=AdminPurchasesState.refunding,
                        on_click=AdminPurchasesState.refund(row.id),  # type: ignore[operator]
                        id="refund-" + row.id.to(str),
                    ),
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
