"""What admins review about card payments: the webhook deliveries that need a human.

Read-only lists for the admin console (the caller checks the ADMIN role); a stored
delivery is applied again with :func:`castyou.services.payments.webhooks.replay_delivery`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from castyou.models.payments import DeliveryOutcome, WebhookDelivery
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


def delivery_row(row: WebhookDelivery) -> DeliveryRow:
    """The review view of a stored delivery."""
    return DeliveryRow(
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
    return [delivery_row(row) for row in rows]
