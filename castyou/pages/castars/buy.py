"""/castars/buy — bundle cards, card form, live confirmation."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from castyou import routes
from castyou.components.i18n import tr
from castyou.components.shell import protected
from castyou.components.stripe_checkout import stripe_checkout
from castyou.state.castars.buy import BundleCard, BuyState


def _bundle_card(card: ObjectVar[BundleCard]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(card.name, size="5"),
                rx.cond(
                    card.best_value,
                    rx.badge(tr("payments.best_value"), color_scheme="amber", variant="solid"),
                ),
                rx.cond(
                    card.id == BuyState.suggested_id,
                    rx.badge(tr("payments.suggested"), color_scheme="green", id="suggested-bundle"),
                ),
                justify="between",
                width="100%",
                wrap="wrap",
            ),
            rx.text(card.stars, size="6", weight="bold"),
            rx.text(card.bonus, size="2", color_scheme="green"),
            rx.text(card.price, size="4", weight="medium"),
            rx.button(
                tr("payments.select"),
                on_click=BuyState.select_bundle(card.id),  # type: ignore[operator]
                width="100%",
                size="3",
                id="select-" + card.id.to(str),
            ),
            spacing="2",
            width="100%",
        ),
        id="bundle-" + card.id.to(str),
        width="100%",
    )


def _bundles() -> rx.Component:
    return rx.cond(
        BuyState.bundle_cards.length() > 0,
        rx.grid(
            rx.foreach(BuyState.bundle_cards, _bundle_card),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="4",
            width="100%",
        ),
        rx.text(tr("payments.no_bundles"), color_scheme="gray", id="no-bundles"),
    )


def _field(
    label_key: str, name: str, error: Any, *extra: rx.Component, **props: Any
) -> rx.Component:
    element_id = name.replace("_", "-")
    return rx.vstack(
        rx.el.label(tr(label_key), html_for=element_id, class_name="field-label"),
        rx.input(
            *extra,
            name=name,
            id=element_id,
            required=True,
            width="100%",
            color_scheme=rx.cond(error != "", "red", "gray"),
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=element_id + "-error",
            **props,
        ),
        rx.cond(
            error != "",
            rx.text(error, size="1", color_scheme="red", id=element_id + "-error", role="alert"),
        ),
        spacing="1",
        width="100%",
    )


def _card_fields() -> rx.Component:
    """Uncontrolled inputs: what was typed stays after any error; checkout.js formats it."""
    number = _field(
        "payments.card_number",
        "card_number",
        BuyState.number_error,
        rx.input.slot(rx.el.span(id="card-brand", data_brand="", role="img"), side="right"),
        autocomplete="cc-number",
        input_mode="numeric",
        placeholder="4242 4242 4242 4242",
        max_length=23,
    )
    expiry = _field(
        "payments.card_expiry",
        "card_expiry",
        BuyState.expiry_error,
        autocomplete="cc-exp",
        input_mode="numeric",
        placeholder="MM/YY",
        max_length=7,
    )
    cvc = _field(
        "payments.card_cvc",
        "card_cvc",
        BuyState.cvc_error,
        autocomplete="cc-csc",
        input_mode="numeric",
        placeholder="123",
        max_length=4,
    )
    return rx.vstack(
        number, rx.hstack(expiry, cvc, spacing="3", width="100%", align="start"), width="100%"
    )


# The card-field helpers load with the local card form only, not on every page.
_LOAD_CHECKOUT_JS = (
    "if (!document.getElementById('checkout-js')) {"
    " const s = document.createElement('script');"
    " s.id = 'checkout-js'; s.src = '/checkout.js'; document.head.appendChild(s); }"
)


def _local_form() -> rx.Component:
    """The simulator's card form; the card never enters a state var (nothing kept)."""
    return rx.form(
        rx.vstack(
            _card_fields(),
            rx.button(
                tr("payments.pay"),
                type="submit",
                loading=BuyState.processing,
                disabled=BuyState.processing,
                size="3",
                width="100%",
                id="pay-button",
            ),
            rx.text(tr("payments.local_note"), size="1", color_scheme="gray"),
            spacing="3",
            width="100%",
        ),
        on_submit=BuyState.pay_local,
        no_validate=True,
        on_mount=rx.call_script(_LOAD_CHECKOUT_JS),
        width="100%",
    )


def _stripe_form() -> rx.Component:
    return rx.cond(
        BuyState.publishable_key != "",
        rx.vstack(
            stripe_checkout(
                publishable_key=BuyState.publishable_key,
                client_secret=BuyState.client_secret,
                pay_label=tr("payments.pay"),
                on_succeeded=BuyState.stripe_confirmed,
                on_failed=BuyState.stripe_failed,
            ),
            rx.text(tr("payments.stripe_note"), size="1", color_scheme="gray"),
            width="100%",
        ),
        rx.callout(tr("payments.stripe_unconfigured"), color_scheme="red"),
    )


def _checkout() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(BuyState.summary, size="4", id="checkout-summary"),
            rx.cond(
                BuyState.pay_error != "",
                rx.callout(
                    BuyState.pay_error,
                    icon="triangle-alert",
                    color_scheme="red",
                    id="pay-error",
                    width="100%",
                ),
            ),
            rx.cond(
                BuyState.processing,
                rx.hstack(rx.spinner(), rx.text(tr("payments.processing")), id="processing"),
            ),
            rx.cond(BuyState.payment_mode == "stripe", _stripe_form(), _local_form()),
            rx.button(
                tr("payments.change_bundle"),
                variant="ghost",
                on_click=BuyState.change_bundle,
                disabled=BuyState.processing,
                id="change-bundle",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        max_width="28rem",
    )


def _success() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.heading(tr("payments.success_title"), size="4"),
            rx.text(BuyState.success_text, id="success-text"),
            rx.hstack(
                rx.link(
                    rx.button(tr("payments.view_receipt")),
                    href=BuyState.receipt_href,
                    id="receipt-link",
                ),
                rx.button(
                    tr("payments.buy_more"),
                    variant="outline",
                    on_click=BuyState.change_bundle,
                    id="buy-more",
                ),
                wrap="wrap",
            ),
        ),
        icon="circle-check",
        color_scheme="green",
        id="purchase-success",
    )


def buy_page() -> rx.Component:
    return protected(
        rx.vstack(
            rx.hstack(
                rx.heading(tr("payments.title"), size="7", id="buy-title"),
                rx.cond(
                    BuyState.payment_mode == "local",
                    rx.badge(
                        tr("payments.test_mode"),
                        color_scheme="orange",
                        high_contrast=True,
                        size="3",
                        id="test-mode-badge",
                    ),
                ),
                align="center",
                wrap="wrap",
            ),
            rx.text(tr("payments.subtitle"), color_scheme="gray"),
            rx.cond(
                BuyState.payment_mode == "local",
                rx.callout(
                    tr("payments.test_mode_hint"),
                    icon="info",
                    color_scheme="orange",
                    high_contrast=True,
                ),
            ),
            rx.match(
                BuyState.phase,
                ("card", _checkout()),
                ("success", _success()),
                _bundles(),
            ),
            rx.link(tr("receipt.back"), href=routes.CASTARS, size="2"),
            spacing="4",
            width="100%",
        )
    )
