"""Admin-initiated refunds of card purchases.

The admin only asks for the refund; the ledger work is always done by the
``charge.refunded`` webhook, exactly as for a refund made in Stripe's dashboard.
Each confirmed click carries an amount (all that is left, or part of it), a required
reason and a click key; the (admin, key) pair is kept with the refund id, so a double
click asks once. In Stripe mode the refund goes to Stripe's API (idempotent on the
click) between two short transactions, so no row lock is held during the network
call; in local mode the simulator builds the signed ``charge.refunded`` event that
the caller posts to the same webhook endpoint.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Protocol

import stripe
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from castyou.db import transaction
from castyou.models.admin import RefundRequest as AdminRefundRequest
from castyou.models.payments import CasTarsPurchase, PurchaseStatus
from castyou.services import click_keys
from castyou.services.admin.audit import record_admin_action
from castyou.services.errors import CasTyouError, Conflict, InvalidInput, NotFound
from castyou.services.payments.simulator import event_envelope, new_id, sign
from castyou.services.roles import require_admin
from castyou.settings import get_settings

MAX_REASON_LENGTH = 200
MAX_REFUND_CENTS = 10_000_000


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


@dataclass(frozen=True)
class _Ask:
    """One confirmed click: who, which purchase, how much (None: all that is left), why."""

    actor_id: int
    purchase_id: int
    amount_cents: int | None
    reason: str
    click_key: str

    def amount(self, target: _RefundTarget) -> int:
        """The amount, checked against what is left of the purchase as read under its lock."""
        if self.amount_cents is None:
            return target.cents_left
        if not 1 <= self.amount_cents <= target.cents_left:
            raise InvalidInput("admin.refund_invalid_amount", min=1, max=target.cents_left)
        return self.amount_cents

    @property
    def stripe_key(self) -> str:
        """The same for a double click (one key) or a retry, so Stripe makes one refund."""
        return f"admin-refund:{self.purchase_id}:{self.actor_id}:{self.click_key}"

    @property
    def local_refund_id(self) -> str:
        return f"re_admin_{self.purchase_id}_{self.actor_id}_{self.click_key}"


def _check_ask(
    actor_id: int, purchase_id: int, amount_cents: object, reason: object, click_key: object
) -> _Ask:
    if amount_cents is not None and (
        isinstance(amount_cents, bool) or not isinstance(amount_cents, int) or amount_cents < 1
    ):
        raise InvalidInput("admin.refund_invalid_amount", min=1, max=MAX_REFUND_CENTS)
    text = reason.strip() if isinstance(reason, str) else ""
    if not text or len(text) > MAX_REASON_LENGTH:
        raise InvalidInput("admin.refund_reason_required", max=MAX_REASON_LENGTH)
    return _Ask(actor_id, purchase_id, amount_cents, text, click_keys.check_key(click_key))


def _charge_refunded_event(target: _RefundTarget, refund_id: str, cents: int) -> bytes:
    """A ``charge.refunded`` event as Stripe sends it, for the simulator."""
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


def _locked_target(session: Session, purchase_id: int) -> _RefundTarget:
    """Lock the purchase (in the caller's transaction) and read what is left."""
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


def _earlier(session: Session, ask: _Ask) -> RefundRequest | None:
    """What the same click (admin, key) already asked for: a double click answers it again."""
    row = session.exec(
        select(AdminRefundRequest).where(
            AdminRefundRequest.admin_id == ask.actor_id,
            AdminRefundRequest.click_key == ask.click_key,
        )
    ).first()
    if row is None:
        return None
    if row.purchase_id != ask.purchase_id:
        raise Conflict("click.key_used")
    return RefundRequest(row.purchase_id, row.amount_cents, row.refund_id, row.mode)


def _record(session: Session, ask: _Ask, target: _RefundTarget, request: RefundRequest) -> None:
    """Keep the click (amount, reason, refund id) and audit it, in the caller's transaction."""
    session.add(
        AdminRefundRequest(
            purchase_id=target.purchase_id,
            admin_id=ask.actor_id,
            click_key=ask.click_key,
            amount_cents=request.amount_cents,
            reason=ask.reason,
            refund_id=request.refund_id,
            mode=request.mode,
        )
    )
    session.flush()
    record_admin_action(
        session=session,
        admin_id=ask.actor_id,
        action="purchase.refund_requested",
        target_type="purchase",
        target_id=target.purchase_id,
        before={"status": target.status.value, "refunded_cents": target.refunded_cents},
        after={
            "refund_id": request.refund_id,
            "amount_cents": request.amount_cents,
            "mode": request.mode,
            "reason": ask.reason,
        },
        note=ask.reason,
    )


def _refund_locally(session: Session, ask: _Ask) -> RefundRequest:
    """Build the simulator's signed event; no network here, so one transaction does it all."""
    with transaction(session):
        require_admin(session, ask.actor_id)
        if (earlier := _earlier(session, ask)) is not None:
            return earlier
        target = _locked_target(session, ask.purchase_id)
        cents = ask.amount(target)
        refund_id = ask.local_refund_id
        request = RefundRequest(
            target.purchase_id,
            cents,
            refund_id,
            "local",
            _charge_refunded_event(target, refund_id, cents),
            int(time.time()),
        )
        _record(session, ask, target, request)
    return request


def _refund_through_stripe(session: Session, ask: _Ask, refunder: Refunder | None) -> RefundRequest:
    """Check under a short lock, call Stripe with no transaction open, then record.

    A Stripe failure raises before the record, so nothing is written. The click's
    idempotency key makes a retry after a lost answer (or a double click that passed
    the first check) return the same refund; the unique (admin, key) keeps one record.
    """
    with transaction(session):
        require_admin(session, ask.actor_id)
        if (earlier := _earlier(session, ask)) is not None:
            return earlier
        target = _locked_target(session, ask.purchase_id)
        cents = ask.amount(target)
    refund_id = (refunder or _default_refunder()).refund(
        payment_id=target.payment_id, amount_cents=cents, idempotency_key=ask.stripe_key
    )
    request = RefundRequest(target.purchase_id, cents, refund_id, "stripe")
    try:
        with transaction(session):
            _record(session, ask, target, request)
    except IntegrityError:
        if (earlier := _earlier(session, ask)) is None:
            raise
        return earlier
    return request


def _default_refunder() -> StripeRefunder:
    key = get_settings().stripe_secret_key
    assert key is not None
    return StripeRefunder(key)


def request_refund(
    *,
    session: Session,
    actor_id: int,
    purchase_id: int,
    reason: str,
    click_key: str,
    amount_cents: int | None = None,
    refunder: Refunder | None = None,
) -> RefundRequest:
    """Ask for a refund of a completed purchase; the ledger is not touched.

    ``amount_cents`` is all that is left (None) or part of it (1..left, checked under
    the purchase's lock); the ``charge.refunded`` webhook then takes back the same
    share of the stars, rounded up. ``reason`` is required and kept with the refund
    and in the audit. ``click_key`` (one confirmed click) makes a double click one
    refund: the repeat answers the first request. Stripe mode refunds through
    ``refunder`` outside any transaction; local mode returns the signed event to post.
    Call it with no transaction open on ``session``, so the Stripe call holds no lock.
    """
    ask = _check_ask(actor_id, purchase_id, amount_cents, reason, click_key)
    if get_settings().payment_mode == "stripe":
        return _refund_through_stripe(session, ask, refunder)
    return _refund_locally(session, ask)


def refundable_cents(*, session: Session, actor_id: int, purchase_id: int) -> int:
    """What is left to refund on a purchase (for the refund dialog); 0 if nothing."""
    require_admin(session, actor_id)
    purchase = session.get(CasTarsPurchase, purchase_id, populate_existing=True)
    if purchase is None:
        raise NotFound("admin.unknown_purchase")
    if purchase.status != PurchaseStatus.COMPLETED or not purchase.stripe_payment_id:
        return 0
    return max(purchase.price_cents - purchase.refunded_cents, 0)
