"""What each Stripe payment event does to purchases and balances.

Every handler runs inside the webhook's transaction, locks the purchase row and
guards on its current status, so concurrent or repeated deliveries of the same
payment credit (or reverse) once. The ledger's unique keys (payment id, refund id)
back that up in the database.

Refund policy: a refund takes back the stars it paid for, proportionally and rounded
up (a full refund takes them all). Stars already spent stay spent: the debit is capped
at the current balance and the rest is recorded on the purchase as
``refund_shortfall`` with ``review_reason = "refund_shortfall"`` for admins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from castyou import routes
from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.payments import (
    CasTarsBundle,
    CasTarsPurchase,
    DeliveryOutcome,
    PurchaseRefund,
    PurchaseStatus,
)
from castyou.models.user import User
from castyou.services import live, notifications
from castyou.services.castars import ledger
from castyou.services.email import notices as email_notices

PURCHASE_REASON = "payments.reason_purchase"
REFUND_REASON = "payments.reason_refund"


@dataclass(frozen=True)
class Handled:
    outcome: DeliveryOutcome
    note: str | None = None


def _int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit() and len(value) < 12:
        return int(value)
    return None


def _lock(session: Session, **where: Any) -> CasTarsPurchase | None:
    query = select(CasTarsPurchase)
    for name, value in where.items():
        query = query.where(getattr(CasTarsPurchase, name) == value)
    return session.exec(query.with_for_update().execution_options(populate_existing=True)).first()


def _find_purchase(session: Session, intent: dict[str, Any]) -> CasTarsPurchase | None:
    """By payment intent id; else the metadata's purchase if it never got its intent id."""
    purchase = _lock(session, stripe_payment_id=intent["id"])
    if purchase is not None:
        return purchase
    metadata = intent.get("metadata") or {}
    purchase_id, user_id = _int(metadata.get("purchase_id")), _int(metadata.get("user_id"))
    if purchase_id is None or user_id is None:
        return None
    purchase = _lock(session, id=purchase_id, user_id=user_id)
    if purchase is None or purchase.stripe_payment_id is not None:
        return None
    purchase.stripe_payment_id = intent["id"]
    return purchase


def _purchase_from_metadata(session: Session, intent: dict[str, Any]) -> CasTarsPurchase | None:
    """A purchase for an intent made elsewhere, only when it pays exactly a bundle's price."""
    metadata = intent.get("metadata") or {}
    user_id, bundle_id = _int(metadata.get("user_id")), metadata.get("bundle_id")
    if user_id is None or not isinstance(bundle_id, str) or session.get(User, user_id) is None:
        return None
    bundle = session.get(CasTarsBundle, bundle_id[:32])
    if bundle is None or not _pays(intent, bundle.price_cents, bundle.currency):
        return None
    purchase = CasTarsPurchase(
        user_id=user_id,
        bundle_id=bundle.id,
        bundle_name=bundle.name,
        stars_awarded=bundle.stars + bundle.bonus_stars,
        price_cents=bundle.price_cents,
        currency=bundle.currency,
        stripe_payment_id=intent["id"],
    )
    session.add(purchase)
    session.flush()
    return purchase


def _pays(intent: dict[str, Any], price_cents: int, currency: str) -> bool:
    received = intent.get("amount_received", intent.get("amount"))
    return (
        _int(received) == price_cents
        and _int(intent.get("amount")) == price_cents
        and str(intent.get("currency", "")).upper() == currency.upper()
    )


def _touch(session: Session, purchase: CasTarsPurchase) -> None:
    purchase.updated_at = utcnow()
    session.add(purchase)
    live.announce(session, live.wallet(purchase.user_id))


def card_details(method: object) -> tuple[str | None, str | None]:
    """The card's brand and last four of an expanded payment method (else None, None)."""
    card = method.get("card") if isinstance(method, dict) else None
    if not isinstance(card, dict):
        return None, None
    brand, last4 = str(card.get("brand") or "")[:20], str(card.get("last4") or "")
    digits = last4.isascii() and last4.isdigit() and len(last4) == 4
    return brand or None, last4 if digits else None


def _record_card(purchase: CasTarsPurchase, intent: dict[str, Any]) -> None:
    """Keep the card's brand and last four when the event carries the expanded payment method."""
    if isinstance(intent.get("payment_method"), dict):
        purchase.card_brand, purchase.card_last4 = card_details(intent["payment_method"])


def on_payment_succeeded(session: Session, intent: dict[str, Any]) -> Handled:
    """Credit stars + bonus once and complete the purchase."""
    with transaction(session):
        purchase = _find_purchase(session, intent) or _purchase_from_metadata(session, intent)
        if purchase is None:
            return Handled(DeliveryOutcome.UNMATCHED, "no purchase; metadata matches no bundle")
        if purchase.status in (PurchaseStatus.COMPLETED, PurchaseStatus.REFUNDED):
            return Handled(DeliveryOutcome.PROCESSED, f"already {purchase.status}")
        if not _pays(intent, purchase.price_cents, purchase.currency):
            purchase.review_reason = (
                f"amount_mismatch: paid {intent.get('amount_received')} {intent.get('currency')},"
                f" expected {purchase.price_cents} {purchase.currency}"
            )[:200]
            _touch(session, purchase)
            return Handled(DeliveryOutcome.FLAGGED, purchase.review_reason)
        ledger.credit_purchase(
            session=session,
            user_id=purchase.user_id,
            stars=purchase.stars_awarded,
            payment_id=intent["id"],
            reason=PURCHASE_REASON,
        )
        purchase.status = PurchaseStatus.COMPLETED
        purchase.completed_at = utcnow()
        purchase.failure_code = purchase.failure_message = None
        _record_card(purchase, intent)
        _touch(session, purchase)
        assert purchase.id is not None
        notifications.notify(
            session=session,
            user_id=purchase.user_id,
            kind="castars_purchased",
            params={"stars": purchase.stars_awarded, "bundle": purchase.bundle_name},
            link=routes.receipt_url(purchase.id),
            dedupe_key=f"purchase:{purchase.id}",
        )
        email_notices.purchase_receipt(session, purchase)
    return Handled(DeliveryOutcome.PROCESSED)


def on_payment_failed(session: Session, intent: dict[str, Any]) -> Handled:
    """Mark the purchase FAILED with the decline reason (never once it is paid)."""
    with transaction(session):
        purchase = _find_purchase(session, intent)
        if purchase is None:
            return Handled(DeliveryOutcome.UNMATCHED, "no purchase for this payment intent")
        if purchase.status not in (PurchaseStatus.PENDING, PurchaseStatus.FAILED):
            return Handled(
                DeliveryOutcome.PROCESSED, f"ignored: purchase already {purchase.status}"
            )
        error = intent.get("last_payment_error") or {}
        code = error.get("decline_code") or error.get("code") or "payment_failed"
        purchase.status = PurchaseStatus.FAILED
        purchase.failure_code = str(code)[:60]
        purchase.failure_message = str(error.get("message") or "")[:500] or None
        _touch(session, purchase)
    return Handled(DeliveryOutcome.PROCESSED)


def _new_refunds(
    session: Session, charge: dict[str, Any], purchase: CasTarsPurchase
) -> list[tuple[str, int]]:
    """(refund id, cents) not applied yet; from the charge's refund list, else its total."""
    listed = (charge.get("refunds") or {}).get("data") or []
    if listed:
        candidates = [
            (str(item["id"]), _int(item.get("amount")) or 0)
            for item in listed
            if item.get("id") and item.get("status") not in ("failed", "canceled")
        ]
    else:
        total = _int(charge.get("amount_refunded")) or 0
        candidates = [(f"{charge.get('id')}:{total}", total - purchase.refunded_cents)]
    known = set(
        session.exec(
            select(PurchaseRefund.refund_id).where(
                col(PurchaseRefund.refund_id).in_([rid for rid, _ in candidates])
            )
        )
    )
    return [(rid, cents) for rid, cents in candidates if rid not in known and cents > 0]


def _apply_refund(
    session: Session, purchase: CasTarsPurchase, refund_id: str, cents: int
) -> ledger.Reversal:
    refunded_cents = purchase.refunded_cents + cents
    target_stars = -(-purchase.stars_awarded * refunded_cents // purchase.price_cents)
    stars = target_stars - purchase.refunded_stars
    reversal = ledger.Reversal(None, 0, 0, created=True)
    if stars > 0:
        reversal = ledger.reverse_purchase(
            session=session,
            user_id=purchase.user_id,
            stars=stars,
            refund_id=refund_id,
            reason=REFUND_REASON,
        )
    assert purchase.id is not None
    session.add(
        PurchaseRefund(
            purchase_id=purchase.id,
            refund_id=refund_id,
            amount_cents=cents,
            stars=stars,
            debited=reversal.debited,
            shortfall=reversal.shortfall,
        )
    )
    purchase.refunded_cents = refunded_cents
    purchase.refunded_stars = target_stars
    purchase.refund_shortfall += reversal.shortfall
    if reversal.shortfall:
        purchase.review_reason = "refund_shortfall"
    if refunded_cents >= purchase.price_cents:
        purchase.status = PurchaseStatus.REFUNDED
    return reversal


def on_charge_refunded(session: Session, charge: dict[str, Any]) -> Handled:
    """Take back the refunded share of the stars, once per refund id."""
    intent_id = charge.get("payment_intent")
    if not isinstance(intent_id, str):
        return Handled(DeliveryOutcome.UNMATCHED, "charge has no payment intent")
    with transaction(session):
        purchase = _lock(session, stripe_payment_id=intent_id)
        if purchase is None:
            return Handled(DeliveryOutcome.UNMATCHED, "no purchase for this payment intent")
        if purchase.status not in (PurchaseStatus.COMPLETED, PurchaseStatus.REFUNDED):
            return Handled(DeliveryOutcome.FLAGGED, f"refund on a {purchase.status} purchase")
        debited = 0
        for refund_id, cents in _new_refunds(session, charge, purchase):
            cents = min(cents, purchase.price_cents - purchase.refunded_cents)
            if cents > 0:
                debited += _apply_refund(session, purchase, refund_id, cents).debited
        _touch(session, purchase)
        if debited:
            notifications.notify(
                session=session,
                user_id=purchase.user_id,
                kind="castars_refunded",
                params={"stars": debited, "bundle": purchase.bundle_name},
                link=routes.receipt_url(purchase.id) if purchase.id else None,
            )
    return Handled(DeliveryOutcome.PROCESSED)
