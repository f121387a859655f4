"""Personal Concierge, the requester's side: submit (paid), list, cancel, talk, rate.

Every change runs in one transaction with its ledger entry, its audit event and
the live announcements that refresh the requester's pages and the team's queue. Status
changes are conditional UPDATEs (``WHERE status IN (...)``), so two concurrent
clicks can move a request, and refund it, only once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.concierge import (
    ConciergeEvent,
    ConciergeMessage,
    ConciergeRequest,
    ConciergeStatus,
)
from castyou.services import live
from castyou.services.admin.audit import record_admin_action
from castyou.services.castars import ledger
from castyou.services.concierge.core import (
    AUDIT_TARGET,
    clean_text,
    move_status,
    record_event,
    refund,
)
from castyou.services.concierge.tiers import tier_for
from castyou.services.email import notices as email_notices
from castyou.services.errors import Conflict, InvalidInput, NotAllowed, NotFound
from castyou.services.roles import is_admin

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 2_000
MESSAGE_MAX = 2_000
NOTE_MAX = 2_000
RATING_COMMENT_MAX = 500
MY_REQUESTS_LIMIT = 50
_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


@dataclass(frozen=True)
class Thread:
    """A request's messages (internal ones only for admins) and, for admins, the audit trail."""

    messages: list[ConciergeMessage]
    events: list[ConciergeEvent]


def _check_key(idempotency_key: object) -> str:
    if not isinstance(idempotency_key, str) or not _KEY_RE.match(idempotency_key):
        raise InvalidInput("concierge.invalid_key")
    return idempotency_key


def _by_key(session: Session, user_id: int, key: str) -> ConciergeRequest | None:
    return session.exec(
        select(ConciergeRequest).where(
            ConciergeRequest.user_id == user_id, ConciergeRequest.idempotency_key == key
        )
    ).first()


def submit_concierge_request(
    *, session: Session, user_id: int, type: str, description: str, idempotency_key: str
) -> ConciergeRequest:
    """Create a request and debit its tier's cost in one transaction.

    The same ``idempotency_key`` (one form render) returns the first request and
    charges once, even when two submissions race: the unique (user, key) index
    lets only one insert commit. InsufficientBalance leaves nothing behind.
    """
    try:
        tier = tier_for(type)
    except (KeyError, ValueError):
        raise InvalidInput("concierge.invalid_type") from None
    text = clean_text(
        description,
        key="concierge.description_length",
        min_len=DESCRIPTION_MIN,
        max_len=DESCRIPTION_MAX,
    )
    key = _check_key(idempotency_key)
    if (existing := _by_key(session, user_id, key)) is not None:
        return existing
    try:
        with transaction(session):
            now = utcnow()
            request = ConciergeRequest(
                user_id=user_id,
                request_type=tier.type,
                description=text,
                stars_cost=tier.stars_cost,
                idempotency_key=key,
                sla_due_at=now + tier.sla,
                created_at=now,
                updated_at=now,
            )
            session.add(request)
            session.flush()
            entry = ledger.spend_stars(
                session=session,
                user_id=user_id,
                amount=tier.stars_cost,
                reason="concierge.spend",
                ref_id=f"concierge:{request.id}",
            )
            request.spend_entry_id = entry.id
            session.add(request)
            record_event(session, request, actor_id=user_id, kind="created", to_status="PENDING")
    except IntegrityError:
        if (existing := _by_key(session, user_id, key)) is None:
            raise
        return existing
    return request


def my_concierge_requests(
    *, session: Session, user_id: int, limit: int = MY_REQUESTS_LIMIT
) -> list[ConciergeRequest]:
    """The caller's own requests, newest first."""
    return list(
        session.exec(
            select(ConciergeRequest)
            .where(ConciergeRequest.user_id == user_id)
            .order_by(col(ConciergeRequest.created_at).desc(), col(ConciergeRequest.id).desc())
            .limit(max(1, min(limit, MY_REQUESTS_LIMIT)))
            .execution_options(populate_existing=True)
        )
    )


def get_visible_request(*, session: Session, actor_id: int, request_id: int) -> ConciergeRequest:
    """A request its owner or an admin may see; anyone else gets NotFound."""
    request = session.get(ConciergeRequest, request_id, populate_existing=True)
    if request is None or (request.user_id != actor_id and not is_admin(session, actor_id)):
        raise NotFound("concierge.not_found")
    return request


def cancel_my_request(*, session: Session, user_id: int, request_id: int) -> ConciergeRequest:
    """The requester cancels a PENDING request of theirs; the full cost comes back once."""
    with transaction(session):
        request = move_status(
            session,
            request_id,
            allowed_from=[ConciergeStatus.PENDING],
            to=ConciergeStatus.CANCELLED,
            owner_id=user_id,
        )
        if request is None:
            get_visible_request(session=session, actor_id=user_id, request_id=request_id)
            raise Conflict("concierge.not_cancellable")
        refund(session, request)
        record_event(
            session,
            request,
            actor_id=user_id,
            kind="cancelled",
            from_status="PENDING",
            to_status="CANCELLED",
        )
    return request


def _audit_admin_message(session: Session, message: ConciergeMessage) -> None:
    """An admin's reply or internal note is an admin action: it goes to the admin audit log."""
    record_admin_action(
        session=session,
        admin_id=message.author_id,
        action="concierge.note_added" if message.internal else "concierge.message_posted",
        target_type=AUDIT_TARGET,
        target_id=message.request_id,
        before=None,
        after={"message_id": message.id, "internal": message.internal, "body": message.body},
        note=message.body,
    )


def post_message(
    *, session: Session, actor_id: int, request_id: int, body: str, internal: bool = False
) -> ConciergeMessage:
    """Add to a request's thread: its owner (public only) or an admin (public or internal).

    An admin's message is also written to the admin audit log, in the same transaction.
    """
    text = clean_text(body, key="concierge.message_length", min_len=1, max_len=MESSAGE_MAX)
    if not isinstance(internal, bool):
        raise InvalidInput()
    with transaction(session):
        request = get_visible_request(session=session, actor_id=actor_id, request_id=request_id)
        if internal and not is_admin(session, actor_id):
            raise NotAllowed()
        message = ConciergeMessage(
            request_id=request_id, author_id=actor_id, body=text, internal=internal
        )
        session.add(message)
        session.flush()
        # Only an admin gets this far with an internal note or on someone else's request.
        if internal or request.user_id != actor_id:
            _audit_admin_message(session, message)
        email_notices.concierge_reply(session, request, message)
        topics = [live.CONCIERGE_QUEUE, live.request(request_id)]
        if not internal:
            topics.append(live.requests(request.user_id))
        live.announce(session, *topics)
    return message


def get_thread(*, session: Session, actor_id: int, request_id: int) -> Thread:
    """Messages of a visible request; internal notes and the audit trail only for admins."""
    get_visible_request(session=session, actor_id=actor_id, request_id=request_id)
    admin = is_admin(session, actor_id)
    query = select(ConciergeMessage).where(ConciergeMessage.request_id == request_id)
    if not admin:
        query = query.where(col(ConciergeMessage.internal).is_(False))
    messages = list(session.exec(query.order_by(col(ConciergeMessage.id))))
    events: list[ConciergeEvent] = []
    if admin:
        events = list(
            session.exec(
                select(ConciergeEvent)
                .where(ConciergeEvent.request_id == request_id)
                .order_by(col(ConciergeEvent.id))
            )
        )
    return Thread(messages, events)


def rate_request(
    *, session: Session, user_id: int, request_id: int, rating: int, comment: str = ""
) -> ConciergeRequest:
    """The requester rates a FULFILLED request 1 to 5 (optional comment), once."""
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidInput("concierge.invalid_rating")
    text = clean_text(comment or "", key="concierge.comment_length", max_len=RATING_COMMENT_MAX)
    with transaction(session):
        statement = (
            update(ConciergeRequest)
            .where(
                col(ConciergeRequest.id) == request_id,
                col(ConciergeRequest.user_id) == user_id,
                col(ConciergeRequest.status) == ConciergeStatus.FULFILLED.value,
                col(ConciergeRequest.rating).is_(None),
            )
            .values(rating=rating, rating_comment=text or None, rated_at=utcnow())
        )
        if session.execute(statement).rowcount != 1:  # type: ignore[attr-defined]
            get_visible_request(session=session, actor_id=user_id, request_id=request_id)
            raise Conflict("concierge.cannot_rate")
        request = session.get(ConciergeRequest, request_id, populate_existing=True)
        assert request is not None
        record_event(session, request, actor_id=user_id, kind="rated", note=str(rating))
    return request
