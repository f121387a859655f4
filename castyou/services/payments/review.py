"""What admins review about card payments: webhook deliveries and purchases flagged for review.

Read-only lists for the admin console (the caller checks the ADMIN role); a stored
delivery is applied again with :func:`castyou.services.payments.webhooks.replay_delivery`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from castyou.models.payments import CasTarsPurchase, DeliveryOutcome, WebhookDelivery
from castyou.services.errors import InvalidInput

MAX_ROWS = 200
NEEDS_ATTENTION = (DeliveryOutcome.UNMATCHED, DeliveryOutcome.FLAGGED, DeliveryOutcome.ERROR)


@dataclass(frozen=True)
class DeliveryRow:
    id: int
    event_id: str
    event_type: str
    payment_id: str | None
    outcome: str
    error: str | None
    attempts: int
    received_at: datetime
    processed_at: datetime | None


@dataclass(frozen=True)
class ReviewItem:
    purchase_id: int
    user_id: int
    bundle_name: str
    status: str
    review_reason: str
    refund_shortfall: int
    price_cents: int
    currency: str
    payment_id: str | None


def _limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_ROWS:
        raise InvalidInput()
    return limit


def list_deliveries(
    *, session: Session, outcomes: tuple[DeliveryOutcome, ...] = NEEDS_ATTENTION, limit: int = 50
) -> list[DeliveryRow]:
    """Newest deliveries with one of ``outcomes`` (default: those that need a human)."""
    rows = session.exec(
        select(WebhookDelivery)
        .where(col(WebhookDelivery.outcome).in_([o.value for o in outcomes]))
        .order_by(col(WebhookDelivery.id).desc())
        .limit(_limit(limit))
    )
    return [
        DeliveryRow(
            id=row.id or 0,
            event_id=row.event_id,
            event_type=row.event_type,
            payment_id=row.payment_id,
            outcome=DeliveryOutcome(row.outcome).value,
            error=row.error,
            attempts=row.attempts,
            received_at=row.received_at,
            processed_at=row.processed_at,
        )
        for row in rows
    ]


def purchases_needing_review(*, session: Session, limit: int = 50) -> list[ReviewItem]:
    """Purchases with a paid amount mismatch or a refund the balance could not cover."""
    rows = session.exec(
        select(CasTarsPurchase)
        .where(col(CasTarsPurchase.review_reason).is_not(None))
        .order_by(col(CasTarsPurchase.updated_at).desc())
        .limit(_limit(limit))
    )
    return [
        ReviewItem(
            purchase_id=row.id or 0,
            user_id=row.user_id,
            bundle_name=row.bundle_name,
            status=str(row.status),
            review_reason=row.review_reason or "",
            refund_shortfall=row.refund_shortfall,
            price_cents=row.price_cents,
            currency=row.currency,
            payment_id=row.stripe_payment_id,
        )
        for row in rows
    ]
