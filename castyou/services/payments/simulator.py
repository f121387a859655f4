"""The local payment simulator: Stripe's test cards, Stripe-shaped events, Stripe's signature.

In local mode (no ``STRIPE_SECRET_KEY``) a payment is "confirmed" here instead of by
Stripe.js: the card is checked against Stripe's documented test cards, then the
outcome travels exactly like a real one, as a signed event POSTed over HTTP to
``/api/stripe/webhook``. Verification and crediting therefore run the same code in
both modes. Card numbers are used only to pick the outcome; they are never stored
or logged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import stripe

from castyou.services.errors import CasTyouError, InvalidInput

WEBHOOK_PATH = "/api/stripe/webhook"
DELIVERY_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class TestCard:
    """What Stripe's test mode does with a card number (``code`` None: it succeeds)."""

    code: str | None = None
    decline_code: str | None = None
    message: str = ""


TEST_CARDS: dict[str, TestCard] = {
    "4242424242424242": TestCard(),
    "5555555555554444": TestCard(),
    "4000000000000002": TestCard("card_declined", "generic_decline", "Your card was declined."),
    "4000000000009995": TestCard(
        "card_declined", "insufficient_funds", "Your card has insufficient funds."
    ),
    "4000000000000069": TestCard("expired_card", None, "Your card has expired."),
    "4000000000000127": TestCard("incorrect_cvc", None, "Your card's security code is incorrect."),
}
NON_TEST_CARD = TestCard(
    "card_declined",
    "test_mode_live_card",
    "Your card was declined. Your request was in test mode, but used a non test card.",
)


@dataclass(frozen=True)
class LocalCheckout:
    """The server-side facts of a purchase being paid (never taken from the client)."""

    purchase_id: int
    user_id: int
    bundle_id: str
    payment_id: str
    amount_cents: int
    currency: str


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


CARD_FIELDS = ("number", "expiry", "cvc")
_BRANDS = (
    ("amex", re.compile(r"^3[47]")),
    ("visa", re.compile(r"^4")),
    ("mastercard", re.compile(r"^(5[1-5]|2[2-7])")),
    ("discover", re.compile(r"^6(011|5)")),
)


def card_digits(number: str) -> str:
    return re.sub(r"[\s-]", "", str(number or ""))


def card_brand(number: str) -> str:
    """The card network by its number's prefix (``unknown`` when none matches)."""
    digits = card_digits(number)
    return next((brand for brand, prefix in _BRANDS if prefix.match(digits)), "unknown")


def _expiry_problem(expiry: str, today: date) -> str | None:
    match = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*", str(expiry or ""))
    if match is None or not 1 <= int(match.group(1)) <= 12:
        return "payments.card_expiry_invalid"
    month, year = int(match.group(1)), int(match.group(2))
    year = year + 2000 if year < 100 else year
    if (year, month) < (today.year, today.month):
        return "payments.card_expired"
    return None


def card_problems(*, number: str, expiry: str, cvc: str, today: date) -> dict[str, str]:
    """Each card field that Stripe.js would refuse, with the message key naming why."""
    problems: dict[str, str] = {}
    digits = card_digits(number)
    if not re.fullmatch(r"\d{13,19}", digits) or not _luhn_ok(digits):
        problems["number"] = "payments.card_number_invalid"
    expiry_problem = _expiry_problem(expiry, today)
    if expiry_problem:
        problems["expiry"] = expiry_problem
    cvc_text = str(cvc or "").strip()
    if not re.fullmatch(r"\d{3,4}", cvc_text):
        short = re.fullmatch(r"\d{1,2}", cvc_text)
        problems["cvc"] = "payments.card_cvc_short" if short else "payments.card_cvc_invalid"
    return problems


def check_card(*, number: str, expiry: str, cvc: str, today: date) -> TestCard:
    """Validate the card form like Stripe.js would and return its test-mode outcome."""
    problems = card_problems(number=number, expiry=expiry, cvc=cvc, today=today)
    for name in CARD_FIELDS:
        if name in problems:
            raise InvalidInput(problems[name])
    return TEST_CARDS.get(card_digits(number), NON_TEST_CARD)


def new_id(prefix: str) -> str:
    """A Stripe-looking object id (``pi_...``, ``evt_...``)."""
    return f"{prefix}_{secrets.token_hex(12)}"


def payment_method_object(number: str) -> dict[str, Any]:
    """The card PaymentMethod as Stripe expands it: brand and last four only."""
    return {
        "id": new_id("pm"),
        "object": "payment_method",
        "type": "card",
        "card": {"brand": card_brand(number), "last4": card_digits(number)[-4:]},
    }


def payment_intent_object(
    checkout: LocalCheckout,
    outcome: TestCard,
    *,
    created: int,
    payment_method: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A PaymentIntent as Stripe serializes it after a confirmation attempt."""
    succeeded = outcome.code is None
    error = None
    if not succeeded:
        error = {
            "type": "card_error",
            "code": outcome.code,
            "decline_code": outcome.decline_code,
            "message": outcome.message,
        }
    return {
        "id": checkout.payment_id,
        "object": "payment_intent",
        "amount": checkout.amount_cents,
        "amount_received": checkout.amount_cents if succeeded else 0,
        "currency": checkout.currency.lower(),
        "status": "succeeded" if succeeded else "requires_payment_method",
        "created": created,
        "livemode": False,
        "latest_charge": new_id("ch") if succeeded else None,
        "last_payment_error": error,
        "payment_method": payment_method,
        "metadata": {
            "user_id": str(checkout.user_id),
            "bundle_id": checkout.bundle_id,
            "purchase_id": str(checkout.purchase_id),
        },
    }


def event_envelope(event_type: str, data_object: dict[str, Any], *, created: int) -> dict:
    """The Event wrapper Stripe POSTs to webhook endpoints."""
    return {
        "id": new_id("evt"),
        "object": "event",
        "api_version": stripe.api_version,
        "created": created,
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
        "data": {"object": data_object},
    }


def sign(payload: bytes, secret: str, timestamp: int) -> str:
    """The ``Stripe-Signature`` header: ``t=<ts>,v1=<HMAC-SHA256(secret, "<ts>.<body>")>``."""
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def build_payment_event(
    checkout: LocalCheckout, outcome: TestCard, *, number: str = ""
) -> tuple[bytes, int]:
    """The serialized ``payment_intent.succeeded`` / ``payment_failed`` event and its time."""
    now = int(time.time())
    event_type = (
        "payment_intent.succeeded" if outcome.code is None else ("payment_intent.payment_failed")
    )
    event = event_envelope(
        event_type,
        payment_intent_object(
            checkout,
            outcome,
            created=now,
            payment_method=payment_method_object(number) if number else None,
        ),
        created=now,
    )
    return json.dumps(event, indent=2).encode(), now


async def deliver(*, payload: bytes, secret: str, timestamp: int, base_url: str) -> int:
    """POST a signed event to the app's webhook endpoint; returns the HTTP status."""
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Stripe-Signature": sign(payload, secret, timestamp),
        "User-Agent": "CasTyou-PaymentSimulator/1.0 (+Stripe/1.0)",
    }
    async with httpx.AsyncClient(timeout=DELIVERY_TIMEOUT_S) as client:
        response = await client.post(
            base_url.rstrip("/") + WEBHOOK_PATH, content=payload, headers=headers
        )
    return response.status_code


async def confirm(
    *, checkout: LocalCheckout, number: str, expiry: str, cvc: str, secret: str, base_url: str
) -> TestCard:
    """Check the card, then send the resulting event through the real webhook.

    Raises InvalidInput for a malformed card (nothing is sent) and
    ``payments.simulator_unreachable`` when the webhook did not accept the event.
    """
    outcome = check_card(number=number, expiry=expiry, cvc=cvc, today=date.today())
    payload, timestamp = build_payment_event(checkout, outcome, number=number)
    try:
        status = await deliver(
            payload=payload, secret=secret, timestamp=timestamp, base_url=base_url
        )
    except httpx.HTTPError:
        status = 0
    if not 200 <= status < 300:
        raise CasTyouError("payments.simulator_unreachable")
    return outcome
