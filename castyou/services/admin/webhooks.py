"""Admin view of Stripe webhook deliveries, and replaying one.

A replay runs the stored event through the same handlers; their guards (purchase
status, unique refund and payment ids) make a replay of a processed event a no-op.
"""

from __future__ import annotations

from sqlmodel import Session

from castyou.db import transaction
from castyou.models.payments import DeliveryOutcome, WebhookDelivery
from castyou.services.admin.audit import record_admin_action
from castyou.services.errors import InvalidInput, NotFound
from castyou.services.payments import review, webhooks
from castyou.services.roles import require_admin

MAX_ROWS = 100


def list_deliveries(
    *, session: Session, actor_id: int, outcome: str = ""
) -> list[review.DeliveryRow]:
    """The newest deliveries, all outcomes or just ``outcome``."""
    require_admin(session, actor_id)
    if outcome and outcome not in {o.value for o in DeliveryOutcome}:
        raise InvalidInput("admin.invalid_filter")
    outcomes = (DeliveryOutcome(outcome),) if outcome else tuple(DeliveryOutcome)
    return review.list_deliveries(session=session, outcomes=outcomes, limit=MAX_ROWS)


def replay(*, session: Session, actor_id: int, delivery_id: int) -> DeliveryOutcome:
    """Apply a stored delivery again and record who did it and what came out."""
    with transaction(session):
        require_admin(session, actor_id)
        delivery = session.get(WebhookDelivery, delivery_id)
        if delivery is None:
            raise NotFound("admin.unknown_delivery")
        before = {"outcome": DeliveryOutcome(delivery.outcome).value, "error": delivery.error}
        outcome = webhooks.replay_delivery(session=session, delivery_id=delivery_id)
        record_admin_action(
            session=session,
            admin_id=actor_id,
            action="webhook.replayed",
            target_type="webhook_delivery",
            target_id=delivery_id,
            before=before,
            after={"outcome": outcome.value, "event_id": delivery.event_id},
        )
    return outcome
