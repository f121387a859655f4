"""Building blocks shared by the requester's and the team's concierge services.

Status changes are single conditional UPDATEs, so a request moves (and is
refunded) at most once however many clicks race; every change leaves an audit
event and announces it to the requester's and the team's open pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.models.concierge import ConciergeEvent, ConciergeRequest, ConciergeStatus
from castyou.models.user import User
from castyou.services import live
from castyou.services.castars import ledger
from castyou.services.email import notices as email_notices
from castyou.services.errors import InvalidInput

FINAL = frozenset({ConciergeStatus.FULFILLED, ConciergeStatus.CANCELLED})
AUDIT_TARGET = "concierge_request"


def clean_text(value: object, *, key: str, max_len: int, min_len: int = 0) -> str:
    """Trimmed text within bounds, or InvalidInput(key, min=..., max=...)."""
    text = value.strip() if isinstance(value, str) else None
    if text is None or not min_len <= len(text) <= max_len:
        raise InvalidInput(key, min=min_len, max=max_len)
    return text


def record_event(
    session: Session,
    request: ConciergeRequest,
    *,
    actor_id: int | None,
    kind: str,
    from_status: str | None = None,
    to_status: str | None = None,
    note: str | None = None,
    assignee_id: int | None = None,
) -> None:
    """Append an audit event and tell open pages (requester and team) something changed."""
    assert request.id is not None
    event = ConciergeEvent(
        request_id=request.id,
        actor_id=actor_id,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        note=note or None,
        assignee_id=assignee_id,
    )
    session.add(event)
    live.announce(
        session, live.requests(request.user_id), live.CONCIERGE_QUEUE, live.request(request.id)
    )
    email_notices.concierge_event(session, request, event)


def move_status(
    session: Session,
    request_id: int,
    *,
    allowed_from: Iterable[ConciergeStatus],
    to: ConciergeStatus,
    owner_id: int | None = None,
    values: dict[str, Any] | None = None,
) -> ConciergeRequest | None:
    """Move a request to ``to`` only if it is still in ``allowed_from`` (one UPDATE).

    Returns the locked, refreshed request, or None when another change got there
    first or the status does not allow it.
    """
    statement = (
        update(ConciergeRequest)
        .where(col(ConciergeRequest.id) == request_id)
        .where(col(ConciergeRequest.status).in_([s.value for s in allowed_from]))
        .values(status=to.value, updated_at=utcnow(), **(values or {}))
    )
    if owner_id is not None:
        statement = statement.where(col(ConciergeRequest.user_id) == owner_id)
    if session.execute(statement).rowcount != 1:  # type: ignore[attr-defined]
        return None
    return session.get(ConciergeRequest, request_id, populate_existing=True)


def refund(session: Session, request: ConciergeRequest) -> None:
    """Give back the full cost (the ledger refunds a spend at most once)."""
    if request.spend_entry_id is not None:
        ledger.refund_spend(
            session=session,
            spend_entry_id=request.spend_entry_id,
            reason="concierge.refund",
        )


def user_names(*, session: Session, user_ids: Iterable[int | None]) -> dict[int, str]:
    """Display names for the authors and actors shown in a thread or an audit trail."""
    ids = {user_id for user_id in user_ids if user_id is not None}
    if not ids:
        return {}
    rows = session.exec(select(User.id, User.display_name).where(col(User.id).in_(ids)))
    return {user_id: name for user_id, name in rows if user_id is not None}
