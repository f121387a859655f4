"""What is mailed, called from the transaction of the change (one line at each place).

Requesters who opted in get status changes, replies and fulfilment of their
concierge requests; buyers who opted in get a receipt when a purchase is credited.
"""

from __future__ import annotations

from sqlmodel import Session

from castyou import routes
from castyou.models.concierge import ConciergeEvent, ConciergeMessage, ConciergeRequest
from castyou.models.payments import CasTarsPurchase
from castyou.services.email.outbox import enqueue

_STATUS_KINDS = {"status": "concierge_status", "cancelled": "concierge_status"}
EXCERPT = 300


def concierge_event(session: Session, request: ConciergeRequest, event: ConciergeEvent) -> None:
    """A status change or fulfilment made by someone other than the requester."""
    kind = "concierge_fulfilled" if event.kind == "fulfilled" else _STATUS_KINDS.get(event.kind)
    if kind is None or event.actor_id == request.user_id:
        return
    session.flush()
    enqueue(
        session,
        user_id=request.user_id,
        topic="concierge_updates",
        kind=kind,
        dedupe_key=f"concierge-event:{event.id}",
        request_id=request.id,
        status=event.to_status or str(request.status),
        path=routes.CONCIERGE,
    )


def concierge_reply(session: Session, request: ConciergeRequest, message: ConciergeMessage) -> None:
    """A public reply from the team on the requester's thread."""
    if message.internal or message.author_id == request.user_id:
        return
    body = message.body if len(message.body) <= EXCERPT else message.body[:EXCERPT] + "…"
    enqueue(
        session,
        user_id=request.user_id,
        topic="concierge_updates",
        kind="concierge_reply",
        dedupe_key=f"concierge-message:{message.id}",
        request_id=request.id,
        excerpt=body,
        path=routes.CONCIERGE,
    )


def purchase_receipt(session: Session, purchase: CasTarsPurchase) -> None:
    """The receipt of a credited purchase."""
    assert purchase.id is not None
    enqueue(
        session,
        user_id=purchase.user_id,
        topic="purchase_receipts",
        kind="purchase_receipt",
        dedupe_key=f"purchase-receipt:{purchase.id}",
        purchase_id=purchase.id,
        bundle=purchase.bundle_name,
        stars=purchase.stars_awarded,
        price_cents=purchase.price_cents,
        currency=purchase.currency,
        path=routes.receipt_url(purchase.id),
    )
