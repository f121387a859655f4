"""Admin view of Stripe webhook deliveries, and replaying one.

A replay runs the stored event through the same handlers; their guards (purchase
status, unique refund and payment ids) make a replay of a processed event a no-op.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, func, select

from castyou.db import transaction
from castyou.models.payments import DeliveryOutcome, WebhookDelivery
from castyou.services.admin import sorting
from castyou.services.admin.audit import check_page, record_admin_action
from castyou.services.errors import InvalidInput, NotFound
from castyou.services.payments import review, webhooks
from castyou.services.roles import require_admin

MAX_ROWS = 100
OUTCOMES = frozenset({"", *(o.value for o in DeliveryOutcome)})
SORTS: dict[str, Any] = {
    "received": col(WebhookDelivery.id),
    "event": col(WebhookDelivery.event_type),
    "outcome": col(WebhookDelivery.outcome),
    "attempts": col(WebhookDelivery.attempts),
}


def list_deliveries(
    *, session: Session, actor_id: int, outcome: str = ""
) -> list[review.DeliveryRow]:
    """The newest deliveries, all outcomes or just ``outcome``."""
    rows, _ = page_deliveries(
        session=session, actor_id=actor_id, outcome=outcome, page_size=MAX_ROWS
    )
    return rows


def page_deliveries(
    *,
    session: Session,
    actor_id: int,
    outcome: str = "",
    page: int = 1,
    page_size: int = 25,
    sort: str = "received",
    descending: bool = True,
) -> tuple[list[review.DeliveryRow], int]:
    """One page of deliveries (all outcomes or just ``outcome``) and how many match;
    newest first unless ``sort`` (one of :data:`SORTS`; anything else is refused) says."""
    require_admin(session, actor_id)
    page, page_size = check_page(page, page_size)
    if outcome not in OUTCOMES:
        raise InvalidInput("admin.invalid_filter")
    order = sorting.order(SORTS, sort, descending, col(WebhookDelivery.id))
    conditions = [col(WebhookDelivery.outcome) == outcome] if outcome else []
    total = session.exec(select(func.count()).select_from(WebhookDelivery).where(*conditions)).one()
    rows = session.exec(
        select(WebhookDelivery)
        .where(*conditions)
        .order_by(*order)
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return [review.delivery_row(row) for row in rows], total


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
