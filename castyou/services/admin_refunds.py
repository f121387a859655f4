"""Admin-initiated refunds of card purchases.

The admin only asks for the refund; the ledger work is always done by the
``charge.refunded`` webhook, exactly as for a refund made in Stripe's dashboard.
In Stripe mode the refund goes to Stripe's API (idempotent per purchase); in local
mode the simulator builds the signed ``charge.refunded`` event that the caller
posts to the same webhook endpoint.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Protocol

import stripe
from sqlmodel import Session, select

from castyou.db import transaction
from castyou.models.payments import CasTarsPurchase, PurchaseStatus
from castyou.services.admin_audit import record_admin_action, require_admin
from castyou.services.errors import CasTyouError, Conflict, NotFound
from castyou.services.simulator import event_envelope, new_id, sign
from castyou.settings import get_settings


class Refunder(Protocol):
    def refund(self, *, payment_id: str, amount_cents: int, idempotency_key: str) -> str: ...


class StripeRefunder:
    """Refunds through Stripe's API; the webhook later applies it to the ledger."""

    def __init__(self, api_key: str, client: stripe.StripeClient | None = None) -> None:
        self._client = client or stripe.StripeClient(api_key, max_network_retries=2)

    def refund(self, *, payment_id: str, amount_cents: int, idempotency_key: str) -> str:
        try:
            refund = self._client.v1.refunds.create(
                params={"payment_intent": payment_id, "amount": amount_cents},
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as error:
            raise CasTyouError("admin.refund_failed", detail=str(error)[:200]) from error
        return str(refund.id)


@dataclass(frozen=True)
class RefundRequest:
    """What was asked; ``payload``/``timestamp`` is the local event to post (local mode)."""

    purchase_id: int
    amount_cents: int
    refund_id: str
    mode: str
    payload: bytes | None = None
    timestamp: int = 0

    def signature(self) -> str:
        assert self.payload is not None
        return sign(self.payload, get_settings().webhook_secret, self.timestamp)


def _charge_refunded_event(purchase: CasTarsPurchase, refund_id: str, cents: int) -> bytes:
    """A ``charge.refunded`` event as Stripe sends it, for the simulator."""
    total = purchase.refunded_cents + cents
    charge: dict[str, Any] = {
        "id": new_id("ch"),
        "object": "charge",
        "amount": purchase.price_cents,
        "amount_refunded": total,
        "currency": purchase.currency.lower(),
        "payment_intent": purchase.stripe_payment_id,
        "refunded": total >= purchase.price_cents,
        "refunds": {
            "object": "list",
            "data": [{"id": refund_id, "object": "refund", "amount": cents, "status": "succeeded"}],
        },
    }
    return json.dumps(event_envelope("charge.refunded", charge, created=int(time.time()))).encode()


def _refundable(session: Session, purchase_id: int) -> CasTarsPurchase:
    purchase = session.exec(
        select(CasTarsPurchase)
        .where(CasTarsPurchase.id == purchase_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if purchase is None or purchase.id is None:
        raise NotFound("admin.unknown_purchase")
    remaining = purchase.price_cents - purchase.refunded_cents
    if (
        purchase.status != PurchaseStatus.COMPLETED
        or remaining <= 0
        or not purchase.stripe_payment_id
    ):
        raise Conflict("admin.purchase_not_refundable")
    return purchase


def request_refund(
    *, session: Session, acting_user_id: int, purchase_id: int, refunder: Refunder | None = None
) -> RefundRequest:
    """Refund what is left of a completed purchase (Stripe mode: via ``refunder``)."""
    mode = get_settings().payment_mode
    with transaction(session):
        require_admin(session, acting_user_id)
        purchase = _refundable(session, purchase_id)
        assert purchase.id is not None and purchase.stripe_payment_id is not None
        cents = purchase.price_cents - purchase.refunded_cents
        key = f"admin-refund:{purchase.id}:{purchase.refunded_cents}"
        if mode == "stripe":
            settings = get_settings()
            assert settings.stripe_secret_key is not None
            refunder = refunder or StripeRefunder(settings.stripe_secret_key)
            refund_id = refunder.refund(
                payment_id=purchase.stripe_payment_id, amount_cents=cents, idempotency_key=key
            )
            request = RefundRequest(purchase.id, cents, refund_id, mode)
        else:
            refund_id = f"re_admin_{purchase.id}_{purchase.refunded_cents}"
            payload = _charge_refunded_event(purchase, refund_id, cents)
            request = RefundRequest(purchase.id, cents, refund_id, mode, payload, int(time.time()))
        record_admin_action(
            session=session,
            admin_id=acting_user_id,
            action="purchase.refund_requested",
            target_type="purchase",
            target_id=purchase.id,
            before={
                "status": PurchaseStatus(purchase.status).value,
                "refunded_cents": purchase.refunded_cents,
            },
            after={"refund_id": refund_id, "amount_cents": cents, "mode": mode},
        )
    return request
