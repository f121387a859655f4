"""/castars/receipts/<id> — a printable receipt of a card purchase."""

from __future__ import annotations

import reflex as rx

from castyou import routes
from castyou.components.i18n import tr
from castyou.components.shell import loading_panel, not_allowed_panel, protected
from castyou.state.castars.receipt import ReceiptState


def _row(label_key: str, value: rx.Var | str, element_id: str) -> rx.Component:
    return rx.data_list.item(
        rx.data_list.label(tr(label_key)),
        rx.data_list.value(rx.text(value, id=element_id, style={"word_break": "break-all"})),
    )


def _receipt() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.heading(tr("receipt.title"), size="6", id="receipt-title"),
                    rx.text(tr("receipt.issuer"), size="2", color_scheme="gray"),
                    spacing="1",
                ),
                rx.button(
                    rx.icon("printer", size=16),
                    tr("receipt.print"),
                    variant="outline",
                    on_click=rx.call_script("window.print()"),
                    class_name="no-print",
                    id="print-receipt",
                ),
                justify="between",
                width="100%",
                wrap="wrap",
            ),
            rx.data_list.root(
                _row("receipt.number", ReceiptState.number, "receipt-number"),
                _row("receipt.date", ReceiptState.date, "receipt-date"),
                _row("receipt.bundle", ReceiptState.bundle, "receipt-bundle"),
                _row("receipt.amount", ReceiptState.amount, "receipt-amount"),
                _row("receipt.stars", ReceiptState.stars, "receipt-stars"),
                _row("receipt.payment_id", ReceiptState.payment_id, "receipt-payment-id"),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
            ),
            rx.cond(
                ReceiptState.refunded != "",
                rx.callout(ReceiptState.refunded, color_scheme="orange", id="receipt-refunded"),
            ),
            rx.link(tr("receipt.back"), href=routes.CASTARS, size="2", class_name="no-print"),
            spacing="4",
            width="100%",
        ),
        width="100%",
        max_width="36rem",
    )


def receipt_page() -> rx.Component:
    return protected(
        rx.el.style("@media print { .no-print, header { display: none !important; } }"),
        rx.match(
            ReceiptState.status,
            ("ok", _receipt()),
            ("not_allowed", not_allowed_panel()),
            (
                "not_found",
                rx.callout(tr("receipt.not_found"), color_scheme="gray", id="receipt-not-found"),
            ),
            loading_panel(),
        ),
    )
