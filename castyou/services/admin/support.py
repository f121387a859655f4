"""The support view: what needs a human now, in one list, each item markable as done.

Items: open concierge requests past their SLA, ratings of 2 or less (with their
comments), purchases whose refund could not take back every star, and webhook
deliveries that were flagged or matched nothing. Marking one done is an audited
admin action; an item is marked at most once (a unique key on kind and id).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from castyou import routes
from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.concierge import ConciergeRequest, ConciergeStatus
from castyou.models.payments import CasTarsPurchase, DeliveryOutcome, WebhookDelivery
from castyou.models.support import SupportMark
from castyou.services.admin.audit import record_admin_action
from castyou.services.concierge.core import clean_text
from castyou.services.errors import Conflict, InvalidInput, NotFound
from castyou.services.roles import require_admin

KINDS = ("overdue", "low_rating", "refund_shortfall", "webhook")
PER_KIND = 50
NOTE_MAX = 500
_MODELS: dict[str, type] = {
    "overdue": ConciergeRequest,
    "low_rating": ConciergeRequest,
    "refund_shortfall": CasTarsPurchase,
    "webhook": WebhookDelivery,
}


@dataclass(frozen=True)
class SupportItem:
    """One thing to look at: what, why (``detail``), since when, and where it is handled."""

    kind: str
    ref_id: int
    title: str
    detail: str
    since: datetime
    link: str


def _marked(session: Session, kind: str) -> Any:
    """The ids of ``kind`` already marked done (a subquery)."""
    return select(SupportMark.ref_id).where(SupportMark.kind == kind)


def _overdue(session: Session) -> list[SupportItem]:
    rows = session.exec(
        select(ConciergeRequest)
        .where(col(ConciergeRequest.status).in_(["PENDING", "IN_PROGRESS"]))
        .where(col(ConciergeRequest.sla_due_at) < utcnow())
        .where(col(ConciergeRequest.id).not_in(_marked(session, "overdue")))
        .order_by(col(ConciergeRequest.sla_due_at))
        .limit(PER_KIND)
    )
    return [
        SupportItem(
            "overdue",
            r.id or 0,
            f"#{r.id}",
            r.description[:140],
            r.sla_due_at,
            f"{routes.ADMIN_CONCIERGE}?request={r.id}",
        )
        for r in rows
    ]


def _low_ratings(session: Session) -> list[SupportItem]:
    rows = session.exec(
        select(ConciergeRequest)
        .where(col(ConciergeRequest.rating) <= 2)
        .where(ConciergeRequest.status == ConciergeStatus.FULFILLED.value)
        .where(col(ConciergeRequest.id).not_in(_marked(session, "low_rating")))
        .order_by(col(ConciergeRequest.rated_at).desc())
        .limit(PER_KIND)
    )
    return [
        SupportItem(
            "low_rating",
            r.id or 0,
            f"#{r.id} ★{r.rating}",
            r.rating_comment or "",
            r.rated_at or r.updated_at,
            f"{routes.ADMIN_CONCIERGE}?request={r.id}",
        )
        for r in rows
    ]


def _shortfalls(session: Session) -> list[SupportItem]:
    rows = session.exec(
        select(CasTarsPurchase)
        .where(col(CasTarsPurchase.refund_shortfall) > 0)
        .where(col(CasTarsPurchase.id).not_in(_marked(session, "refund_shortfall")))
        .order_by(col(CasTarsPurchase.id).desc())
        .limit(PER_KIND)
    )
    return [
        SupportItem(
            "refund_shortfall",
            p.id or 0,
            f"#{p.id} {p.bundle_name}",
            str(p.refund_shortfall),
            p.updated_at,
            routes.receipt_url(p.id or 0),
        )
        for p in rows
    ]


def _webhooks(session: Session) -> list[SupportItem]:
    outcomes = [DeliveryOutcome.FLAGGED.value, DeliveryOutcome.UNMATCHED.value]
    rows = session.exec(
        select(WebhookDelivery)
        .where(col(WebhookDelivery.outcome).in_(outcomes))
        .where(col(WebhookDelivery.id).not_in(_marked(session, "webhook")))
        .order_by(col(WebhookDelivery.id).desc())
        .limit(PER_KIND)
    )
    return [
        SupportItem(
            "webhook",
            d.id or 0,
            f"{d.event_type} · {d.outcome}",
            d.error or "",
            d.received_at,
            f"{routes.ADMIN_CASTARS}?tab=webhooks",
        )
        for d in rows
    ]


def support_items(*, session: Session, actor_id: int) -> list[SupportItem]:
    """Everything not yet marked done, by kind (each kind oldest-pressing first)."""
    require_admin(session, actor_id)
    return [
        *_overdue(session),
        *_low_ratings(session),
        *_shortfalls(session),
        *_webhooks(session),
    ]


def mark_done(
    *, session: Session, actor_id: int, kind: str, ref_id: int, note: str = ""
) -> SupportMark:
    """Mark one item done (audited); marking it again is a Conflict."""
    if kind not in KINDS:
        raise InvalidInput("support.invalid_kind")
    if isinstance(ref_id, bool) or not isinstance(ref_id, int):
        raise InvalidInput()
    note = clean_text(note or "", key="support.note_length", max_len=NOTE_MAX)
    try:
        with transaction(session):
            require_admin(session, actor_id)
            if session.get(_MODELS[kind], ref_id) is None:
                raise NotFound()
            mark = SupportMark(kind=kind, ref_id=ref_id, admin_id=actor_id, note=note or None)
            session.add(mark)
            session.flush()
            record_admin_action(
                session=session,
                admin_id=actor_id,
                action="support.marked_done",
                target_type=kind,
                target_id=ref_id,
                before=None,
                after={"mark_id": mark.id},
                note=note,
            )
    except IntegrityError:
        raise Conflict("support.already_done") from None
    return mark
