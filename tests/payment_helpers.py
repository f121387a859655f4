"""Signed Stripe-shaped events for webhook tests (built with the simulator's own signer)."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlmodel import Session

from castyou.models.payments import CasTarsPurchase
from castyou.models.user import User
from castyou.services.payments import bundles, simulator
from castyou.services.payments import checkout as payments
from castyou.services.payments.simulator import LocalCheckout, TestCard
from castyou.services.payments.stripe_gateway import LocalGateway
from castyou.settings import get_settings

DECLINED = simulator.TEST_CARDS["4000000000000002"]
SUCCEEDED = TestCard()


def secret() -> str:
    return get_settings().webhook_secret


def open_purchase(db: Session, user: User, bundle_id: str = "popular") -> CasTarsPurchase:
    """Seed the bundles and open a PENDING purchase through the real checkout."""
    assert user.id is not None
    bundles.seed_bundles(db)
    checkout = payments.create_payment_intent(
        session=db, user_id=user.id, bundle_id=bundle_id, gateway=LocalGateway()
    )
    purchase = db.get(CasTarsPurchase, checkout.purchase_id)
    assert purchase is not None
    return purchase


def checkout_of(purchase: CasTarsPurchase, **overrides: Any) -> LocalCheckout:
    assert purchase.id is not None and purchase.stripe_payment_id
    fields: dict[str, Any] = {
        "purchase_id": purchase.id,
        "user_id": purchase.user_id,
        "bundle_id": purchase.bundle_id,
        "payment_id": purchase.stripe_payment_id,
        "amount_cents": purchase.price_cents,
        "currency": purchase.currency,
    }
    fields.update(overrides)
    return LocalCheckout(**fields)


def payment_event(
    purchase: CasTarsPurchase, outcome: TestCard = SUCCEEDED, **overrides: Any
) -> dict[str, Any]:
    now = int(time.time())
    intent = simulator.payment_intent_object(
        checkout_of(purchase, **overrides), outcome, created=now
    )
    event_type = (
        "payment_intent.succeeded" if outcome.code is None else ("payment_intent.payment_failed")
    )
    return simulator.event_envelope(event_type, intent, created=now)


def refund_event(
    purchase: CasTarsPurchase, refunds: list[tuple[str, int]], *, listed: bool = True
) -> dict[str, Any]:
    """``charge.refunded`` for the purchase's payment with the given (refund id, cents)."""
    total = sum(cents for _, cents in refunds)
    charge: dict[str, Any] = {
        "id": "ch_" + (purchase.stripe_payment_id or "x")[3:],
        "object": "charge",
        "amount": purchase.price_cents,
        "amount_refunded": total,
        "currency": purchase.currency.lower(),
        "payment_intent": purchase.stripe_payment_id,
        "refunded": total >= purchase.price_cents,
    }
    if listed:
        charge["refunds"] = {
            "object": "list",
            "data": [
                {"id": rid, "object": "refund", "amount": cents, "status": "succeeded"}
                for rid, cents in refunds
            ],
        }
    return simulator.event_envelope("charge.refunded", charge, created=int(time.time()))


def signed(
    event: dict[str, Any], *, key: str | None = None, at: int | None = None
) -> tuple[bytes, str]:
    """The body exactly as sent and its ``Stripe-Signature`` header."""
    body = json.dumps(event, indent=2).encode()
    return body, simulator.sign(body, key or secret(), at if at is not None else int(time.time()))
