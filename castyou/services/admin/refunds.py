"""Admin-initiated refunds of card purchases.

The admin only asks for the refund; the ledger work is always done by the
``charge.refunded`` webhook, exactly as for a refund made in Stripe's dashboard.
In Stripe mode the refund goes to Stripe's API (idempotent per purchase and amount
already refunded) between two short transactions, so no row lock is held during the
network call; in local mode the simulator builds the signed ``charge.refunded``
event that the caller posts to the same webhook endpoint.
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
from castyou.services.admin.audit import record_admin_action
from castyou.services.errors import CasTyouError, Conflict, NotFound
from castyou.services.payments.simulator import event_envelope, new_id, sign
from castyou.services.roles import require_admin
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


@dataclass(frozen=True)
class _RefundTarget:
    """What the locked check read; the later steps need neither the row nor its lock."""

    purchase_id: int
    payment_id: str
    price_cents: int
    refunded_cents: int
    currency: str
    status: PurchaseStatus

    @property
    def cents_left(self) -> int:
        return self.price_cents - self.refunded_cents

    @property
    def idempotency_key(self) -> str:
        """The same for a double click or a retry, so Stripe makes one refund."""
        return f"admin-refund:{self.purchase_id}:{self.refunded_cents}"


def _charge_refunded_event(target: _RefundTarget, refund_id: str) -> bytes:
    """A ``charge.refunded`` event as Stripe sends it, for the simulator."""
    cents = target.cents_left
    total = target.refunded_cents + cents
    charge: dict[str, Any] = {
        "id": new_id("ch"),
        "object": "charge",
        "amount": target.price_cents,
        "amount_refunded": total,
        "currency": target.currency.lower(),
        "payment_intent": target.payment_id,
        "refunded": total >= target.price_cents,
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


def _locked_target(session: Session, actor_id: int, purchase_id: int) -> _RefundTarget:
    """Check the admin and lock the purchase (in the caller's transaction); read what is left."""
    require_admin(session, actor_id)
    purchase = _refundable(session, purchase_id)
    assert purchase.id is not None and purchase.stripe_payment_id is not None
    return _RefundTarget(
        purchase_id=purchase.id,
        payment_id=purchase.stripe_payment_id,
        price_cents=purchase.price_cents,
        refunded_cents=purchase.refunded_cents,
        currency=purchase.currency,
        status=PurchaseStatus(purchase.status),
    )


def _audit(session: Session, actor_id: int, target: _RefundTarget, request: RefundRequest) -> None:
    record_admin_action(
        session=session,
        admin_id=actor_id,
        action="purchase.refund_requested",
        target_type="purchase",
        target_id=target.purchase_id,
        before={"status": target.status.value, "refunded_cents": target.refunded_cents},
        after={
            "refund_id": request.refund_id,
            "amount_cents": request.amount_cents,
            "mode": request.mode,
        },
    )


def _refund_locally(*, session: Session, actor_id: int, purchase_id: int) -> RefundRequest:
    """Build the simulator's signed event; no network here, so one transaction does it all."""
    with transaction(session):
        target = _locked_target(session, actor_id, purchase_id)
        refund_id = f"re_admin_{target.purchase_id}_{target.refunded_cents}"
        request = RefundRequest(
            target.purchase_id,
            target.cents_left,
            refund_id,
            "local",
            _charge_refunded_event(target, refund_id),
            int(time.time()),
        )
        _audit(session, actor_id, target, request)
    return request


def _refund_through_stripe(
    *, session: Session, actor_id: int, purchase_id: int, refunder: Refunder | None
) -> RefundRequest:
    """Check under a short lock, call Stripe with no transaction open, then audit.

    A Stripe failure raises before the audit, so nothing is written. The idempotency
    key makes a retry after a lost answer (or a double click) return the same refund.
    """
    with transaction(session):
        target = _locked_target(session, actor_id, purchase_id)
    refund_id = (refunder or _default_refunder()).refund(
        payment_id=target.payment_id,
        amount_cents=target.cents_left,
        idempotency_key=target.idempotency_key,
    )
    request = RefundRequest(target.purchase_id, target.cents_left, refund_id, "stripe")
    with transaction(session):
        _audit(session, actor_id, target, request)
    return request


def _default_refunder() -> StripeRefunder:
    key = get_settings().stripe_secret_key
    assert key is not None
    return StripeRefunder(key)


def request_refund(
    *, session: Session, actor_id: int, purchase_id: int, refunder: Refunder | None = None
) -> RefundRequest:
    """Ask for a refund of what is left of a completed purchase; the ledger is not touched.

    Stripe mode refunds through ``refunder`` (Stripe's API by default) outside any
    transaction; local mode returns the signed ``charge.refunded`` event to post.
    Either way the audit row is written only once the refund was asked for. Call it
    with no transaction open on ``session``, so the Stripe call holds no lock.
    """
    if get_settings().payment_mode == "stripe":
        return _refund_through_stripe(
            session=session,
            actor_id=actor_id,
            purchase_id=purchase_id,
            refunder=refunder,
        )
    return _refund_locally(session=session, actor_id=actor_id, purchase_id=purchase_id)
