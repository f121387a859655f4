"""Buying CasTars: checkout (payment intents), purchase status and receipts.

Prices and stars come only from the bundle rows. Stars are never credited here:
only a verified ``payment_intent.succeeded`` webhook credits them
(:mod:`castyou.services.payments.events`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from castyou import routes
from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.payments import CasTarsBundle, CasTarsPurchase, PurchaseStatus
from castyou.models.user import User
from castyou.services.castars import ledger
from castyou.services.errors import (
    CasTyouError,
    InvalidInput,
    NotAllowed,
    NotFound,
    RateLimited,
)
from castyou.services.payments.simulator import LocalCheckout
from castyou.services.payments.stripe_gateway import Gateway, GatewayError, IntentRef, get_gateway

logger = logging.getLogger("castyou.payments")
_BUNDLE_ID_RE = re.compile(r"^[a-z0-9_-]{1,32}$")
_PAYABLE = (PurchaseStatus.PENDING, PurchaseStatus.FAILED)
_RECEIPTED = (PurchaseStatus.COMPLETED, PurchaseStatus.REFUNDED)
MAX_OPEN_CHECKOUTS_PER_HOUR = 20


@dataclass(frozen=True)
class Checkout:
    """What the buy page needs to collect the card for one purchase."""

    purchase_id: int
    payment_id: str
    client_secret: str
    amount_cents: int
    currency: str
    stars: int
    bundle_name: str
    mode: str


@dataclass(frozen=True)
class PurchaseView:
    id: int
    status: str
    stars: int
    failure_code: str | None
    failure_message: str | None
    balance: int
    receipt_url: str


@dataclass(frozen=True)
class Receipt:
    purchase_id: int
    number: str
    date: datetime
    bundle_name: str
    amount_cents: int
    currency: str
    stars: int
    payment_id: str
    status: str
    refunded_cents: int
    refunded_stars: int
    buyer_name: str = ""
    buyer_email: str = ""
    card_brand: str = ""
    card_last4: str = ""


def receipt_number(purchase_id: int) -> str:
    return f"CT-{purchase_id:08d}"


def _check_bundle_id(bundle_id: object) -> str:
    if not isinstance(bundle_id, str) or not _BUNDLE_ID_RE.fullmatch(bundle_id):
        raise InvalidInput("payments.unknown_bundle")
    return bundle_id


def _check_open_checkouts(session: Session, user_id: int) -> None:
    """Each checkout may create a Stripe intent: cap how many a user opens per hour."""
    opened = session.exec(
        select(func.count()).where(
            CasTarsPurchase.user_id == user_id,
            CasTarsPurchase.status == PurchaseStatus.PENDING,
            CasTarsPurchase.created_at > utcnow() - timedelta(hours=1),
        )
    ).one()
    if opened >= MAX_OPEN_CHECKOUTS_PER_HOUR:
        raise RateLimited(minutes=60)


def _new_purchase(session: Session, user_id: int, bundle_id: str) -> CasTarsPurchase:
    with transaction(session):
        bundle = session.get(CasTarsBundle, bundle_id)
        if bundle is None or not bundle.is_active:
            raise InvalidInput("payments.unknown_bundle")
        if session.get(User, user_id) is None:
            raise NotFound()
        _check_open_checkouts(session, user_id)
        purchase = CasTarsPurchase(
            user_id=user_id,
            bundle_id=bundle.id,
            bundle_name=bundle.name,
            stars_awarded=bundle.stars + bundle.bonus_stars,
            price_cents=bundle.price_cents,
            currency=bundle.currency,
        )
        session.add(purchase)
        session.flush()
    return purchase


def _open_intent(session: Session, gateway: Gateway, purchase: CasTarsPurchase) -> IntentRef:
    """Ask the gateway for the purchase's intent; on failure the purchase is FAILED."""
    try:
        return gateway.create_intent(
            amount_cents=purchase.price_cents,
            currency=purchase.currency,
            metadata={
                "user_id": str(purchase.user_id),
                "bundle_id": purchase.bundle_id,
                "purchase_id": str(purchase.id),
            },
            idempotency_key=f"castars-purchase-{purchase.id}",
            description=f"CasTars {purchase.bundle_name} ({purchase.stars_awarded} stars)",
        )
    except GatewayError as error:
        logger.warning("payment intent for purchase %s failed: %s", purchase.id, error)
        with transaction(session):
            purchase.status = PurchaseStatus.FAILED
            purchase.failure_code = "gateway_error"
            purchase.updated_at = utcnow()
            session.add(purchase)
        raise CasTyouError("payments.gateway_unavailable") from None


def create_payment_intent(
    *, session: Session, user_id: int, bundle_id: str, gateway: Gateway | None = None
) -> Checkout:
    """Open a PENDING purchase of an active bundle and its PaymentIntent.

    The intent is created outside the database transaction (no lock is held over the
    network) with the purchase id as idempotency key, so a retried call cannot charge
    twice.
    """
    bundle_id = _check_bundle_id(bundle_id)
    gateway = gateway or get_gateway()
    purchase = _new_purchase(session, user_id, bundle_id)
    assert purchase.id is not None
    intent = _open_intent(session, gateway, purchase)
    with transaction(session):
        purchase.stripe_payment_id = intent.id
        purchase.updated_at = utcnow()
        session.add(purchase)
    return Checkout(
        purchase_id=purchase.id,
        payment_id=intent.id,
        client_secret=intent.client_secret,
        amount_cents=purchase.price_cents,
        currency=purchase.currency,
        stars=purchase.stars_awarded,
        bundle_name=purchase.bundle_name,
        mode=gateway.mode,
    )


def _own_purchase(session: Session, user_id: int, purchase_id: object) -> CasTarsPurchase:
    if isinstance(purchase_id, bool) or not isinstance(purchase_id, int):
        raise InvalidInput()
    purchase = session.get(CasTarsPurchase, purchase_id, populate_existing=True)
    if purchase is None:
        raise NotFound()
    if purchase.user_id != user_id:
        raise NotAllowed()
    return purchase


def local_checkout(*, session: Session, user_id: int, purchase_id: int) -> LocalCheckout:
    """The server-side facts the simulator pays with: the user's own unpaid purchase."""
    purchase = _own_purchase(session, user_id, purchase_id)
    if purchase.status not in _PAYABLE or not purchase.stripe_payment_id:
        raise InvalidInput("payments.not_payable")
    assert purchase.id is not None
    return LocalCheckout(
        purchase_id=purchase.id,
        user_id=purchase.user_id,
        bundle_id=purchase.bundle_id,
        payment_id=purchase.stripe_payment_id,
        amount_cents=purchase.price_cents,
        currency=purchase.currency,
    )


def purchase_status(*, session: Session, user_id: int, purchase_id: int) -> PurchaseView:
    """The user's own purchase as the buy page follows it (PENDING until the webhook lands)."""
    purchase = _own_purchase(session, user_id, purchase_id)
    assert purchase.id is not None
    return PurchaseView(
        id=purchase.id,
        status=PurchaseStatus(purchase.status).value,
        stars=purchase.stars_awarded,
        failure_code=purchase.failure_code,
        failure_message=purchase.failure_message,
        balance=ledger.get_balance(session=session, user_id=user_id).balance,
        receipt_url=routes.receipt_url(purchase.id),
    )


def get_receipt(
    *, session: Session, viewer_id: int, viewer_is_admin: bool, purchase_id: int
) -> Receipt:
    """The receipt of a paid purchase, for its owner and for admins only.

    Another user's receipt is refused exactly like a missing one, so ids reveal nothing.
    """
    if isinstance(purchase_id, bool) or not isinstance(purchase_id, int):
        raise NotFound()
    purchase = session.get(CasTarsPurchase, purchase_id, populate_existing=True)
    if purchase is None or (purchase.user_id != viewer_id and not viewer_is_admin):
        raise NotFound()
    if purchase.status not in _RECEIPTED or purchase.id is None or not purchase.stripe_payment_id:
        raise NotFound()
    buyer = session.get(User, purchase.user_id)
    return Receipt(
        purchase_id=purchase.id,
        number=receipt_number(purchase.id),
        date=purchase.completed_at or purchase.created_at,
        bundle_name=purchase.bundle_name,
        amount_cents=purchase.price_cents,
        currency=purchase.currency,
        stars=purchase.stars_awarded,
        payment_id=purchase.stripe_payment_id,
        status=PurchaseStatus(purchase.status).value,
        refunded_cents=purchase.refunded_cents,
        refunded_stars=purchase.refunded_stars,
        buyer_name=buyer.display_name if buyer else "",
        buyer_email=buyer.email if buyer else "",
        card_brand=purchase.card_brand or "",
        card_last4=purchase.card_last4 or "",
    )


def receipt_links(*, session: Session, payment_ids: list[str]) -> dict[str, str]:
    """Receipt URLs keyed by payment id, for PURCHASED ledger entries (``ref_id``)."""
    ids = [pid for pid in payment_ids if pid]
    if not ids:
        return {}
    rows = session.exec(
        select(CasTarsPurchase.stripe_payment_id, CasTarsPurchase.id).where(
            col(CasTarsPurchase.stripe_payment_id).in_(ids),
            col(CasTarsPurchase.status).in_([s.value for s in _RECEIPTED]),
        )
    )
    return {payment_id: routes.receipt_url(pid) for payment_id, pid in rows if payment_id and pid}
