"""/castars/receipts/<id> — a printable receipt of a card purchase."""

from __future__ import annotations

from typing import Any

import reflex as rx

from castyou import routes
from castyou.components.i18n import tr
from castyou.components.shell import loading_panel, protected
from castyou.state.castars.receipt import ReceiptState


def _row(label_key: str, value: rx.Var | str, element_id: str) -> rx.Component:
    return rx.data_list.item(
        rx.data_list.label(tr(label_key)),
        rx.data_list.value(rx.text(value, id=element_id, style={"word_break": "break-all"})),
    )


def _party(label_key: str, name: Any, line: Any, email: Any, element_id: str) -> rx.Component:
    return rx.vstack(
        rx.text(tr(label_key), size="1", weight="bold", color_scheme="gray"),
        rx.text(name, weight="medium"),
        rx.cond(line != "", rx.text(line, size="2")),
        rx.cond(email != "", rx.text(email, size="2")),
        spacing="0",
        id=element_id,
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
                rx.hstack(
                    rx.button(
                        rx.icon("printer", size=16),
                        tr("receipt.print"),
                        variant="outline",
                        on_click=rx.call_script("window.print()"),
                        id="print-receipt",
                    ),
                    rx.button(
                        rx.icon("download", size=16),
                        tr("receipt.download"),
                        on_click=ReceiptState.download_pdf,
                        id="download-receipt",
                    ),
                    class_name="no-print",
                    wrap="wrap",
                ),
                justify="between",
                width="100%",
                wrap="wrap",
            ),
            rx.grid(
                _party(
                    "receipt.seller",
                    ReceiptState.merchant_name,
                    ReceiptState.merchant_address,
                    ReceiptState.merchant_email,
                    "receipt-seller",
                ),
                _party(
                    "receipt.buyer",
                    ReceiptState.buyer_name,
                    ReceiptState.buyer_email,
                    "",
                    "receipt-buyer",
                ),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="4",
                width="100%",
            ),
            rx.data_list.root(
                _row("receipt.number", ReceiptState.number, "receipt-number"),
                _row("receipt.date", ReceiptState.date, "receipt-date"),
                _row("receipt.bundle", ReceiptState.bundle, "receipt-bundle"),
                _row("receipt.amount", ReceiptState.amount, "receipt-amount"),
                _row("receipt.stars", ReceiptState.stars, "receipt-stars"),
                rx.cond(
                    ReceiptState.card != "",
                    rx.data_list.item(
                        rx.data_list.label(tr("receipt.payment_method")),
                        rx.data_list.value(
                            rx.hstack(
                                rx.el.span(
                                    id="receipt-brand",
                                    data_brand=ReceiptState.card_brand,
                                    class_name="card-brand",
                                ),
                                rx.text(ReceiptState.card, id="receipt-card"),
                                align="center",
                            )
                        ),
                    ),
                ),
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
        max_width="40rem",
        class_name="print-sheet",
    )


def receipt_page() -> rx.Component:
    return protected(
        rx.match(
            ReceiptState.status,
            ("ok", _receipt()),
            (
                "not_found",
                rx.callout(tr("receipt.not_found"), color_scheme="gray", id="receipt-not-found"),
            ),
            loading_panel(),
        ),
    )
