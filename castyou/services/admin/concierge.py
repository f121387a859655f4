"""Personal Concierge, the team's side: the queue, status, assignment, fulfilment.

Every function takes the acting user's id and checks in the database that they
are an ADMIN, so the rule holds whoever calls it (a state, the API, a script).
Every change also writes the admin audit log (who, what, before/after) in the
same transaction as the change and the request's own event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from castyou.db import transaction
from castyou.models.concierge import ConciergeRequest, ConciergeStatus
from castyou.models.user import Role, User
from castyou.services import notifications
from castyou.services.admin.audit import record_admin_action
from castyou.services.concierge.candidates import clean_candidates
from castyou.services.concierge.core import (
    AUDIT_TARGET,
    clean_text,
    move_status,
    record_event,
    refund,
)
from castyou.services.concierge.requester import NOTE_MAX
from castyou.services.errors import Conflict, InvalidInput, NotFound
from castyou.services.roles import require_admin
from castyou.services.search import concierge_ids as search_ids

PAGE_SIZE = 20
MAX_PAGE = 5_000
SEARCH_MAX = 100
OPEN = (ConciergeStatus.PENDING, ConciergeStatus.IN_PROGRESS)
STATUS_FILTERS = ("OPEN", "ALL", *(status.value for status in ConciergeStatus))
SORTS = ("sla", "created")
TRANSITIONS: dict[ConciergeStatus, frozenset[ConciergeStatus]] = {
    ConciergeStatus.PENDING: frozenset({ConciergeStatus.IN_PROGRESS, ConciergeStatus.CANCELLED}),
    ConciergeStatus.IN_PROGRESS: frozenset({ConciergeStatus.PENDING, ConciergeStatus.CANCELLED}),
}


@dataclass(frozen=True)
class QueueRow:
    request: ConciergeRequest
    requester_name: str
    requester_email: str
    assignee_name: str


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    page: int
    has_next: bool


def _queue_query(actor_id: int, status: str, matches: list[int] | str | None, assigned_to_me: bool):  # type: ignore[no-untyped-def]
    requester, assignee = aliased(User), aliased(User)
    query = (
        select(ConciergeRequest, requester.display_name, requester.email, assignee.display_name)
        .join(requester, col(requester.id) == ConciergeRequest.user_id)
        .outerjoin(assignee, col(assignee.id) == ConciergeRequest.assignee_id)
    )
    if status == "OPEN":
        query = query.where(col(ConciergeRequest.status).in_([s.value for s in OPEN]))
    elif status != "ALL":
        query = query.where(ConciergeRequest.status == status)
    if assigned_to_me:
        query = query.where(ConciergeRequest.assignee_id == actor_id)
    if isinstance(matches, list):  # few matches: found in the index (services/search.py)
        query = query.where(col(ConciergeRequest.id).in_(matches))
    elif matches:  # a common term: checked row by row while the page is read in order
        term = matches.lower()
        query = query.where(
            or_(
                func.lower(ConciergeRequest.description).contains(term, autoescape=True),
                func.lower(requester.display_name).contains(term, autoescape=True),
                func.lower(requester.email).contains(term, autoescape=True),
            )
        )
    return query


def admin_list_concierge_requests(
    *,
    session: Session,
    actor_id: int,
    status: str = "OPEN",
    search: str = "",
    assigned_to_me: bool = False,
    sort: str = "sla",
    page: int = 1,
) -> QueuePage:
    """One page of the queue. ``status`` and ``sort`` are whitelisted names."""
    require_admin(session, actor_id)
    if status not in STATUS_FILTERS or sort not in SORTS or not isinstance(assigned_to_me, bool):
        raise InvalidInput("concierge.invalid_filter")
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
        raise InvalidInput("concierge.invalid_filter")
    search = clean_text(search or "", key="concierge.search_length", max_len=SEARCH_MAX)
    matches = search_ids(session, search) if search else None
    query = _queue_query(
        actor_id, status, matches if matches is not None else search, assigned_to_me
    )
    if sort == "sla":
        query = query.order_by(col(ConciergeRequest.sla_due_at), col(ConciergeRequest.id))
    else:
        query = query.order_by(
            col(ConciergeRequest.created_at).desc(), col(ConciergeRequest.id).desc()
        )
    query = query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    found = session.exec(query.execution_options(populate_existing=True)).all()
    rows = [QueueRow(req, name, email, assignee or "") for req, name, email, assignee in found]
    return QueuePage(rows[:PAGE_SIZE], page, len(rows) > PAGE_SIZE)


def list_admins(*, session: Session, actor_id: int) -> list[User]:
    """The team members a request can be assigned to."""
    require_admin(session, actor_id)
    return list(
        session.exec(select(User).where(User.role == Role.ADMIN).order_by(col(User.display_name)))
    )


def _load(session: Session, request_id: object) -> ConciergeRequest:
    if isinstance(request_id, bool) or not isinstance(request_id, int):
        raise InvalidInput()
    # Locked, so the audit's "before" is the state this change really starts from.
    request = session.get(
        ConciergeRequest, request_id, populate_existing=True, with_for_update=True
    )
    if request is None:
        raise NotFound("concierge.not_found")
    return request


def _snapshot(request: ConciergeRequest) -> dict[str, Any]:
    return {
        "status": str(request.status),
        "assignee_id": request.assignee_id,
        "admin_notes": request.admin_notes,
    }


def _audit(
    session: Session,
    request: ConciergeRequest,
    actor_id: int,
    action: str,
    before: dict[str, Any],
    *,
    note: str = "",
    **extra: Any,
) -> None:
    """The admin audit row of a change: ``before`` was taken before it, ``request`` is after."""
    assert request.id is not None
    record_admin_action(
        session=session,
        admin_id=actor_id,
        action=f"concierge.{action}",
        target_type=AUDIT_TARGET,
        target_id=request.id,
        before=before,
        after={**_snapshot(request), **extra},
        note=note,
    )


def admin_cancel_request(
    *, session: Session, actor_id: int, request_id: int, note: str = ""
) -> ConciergeRequest:
    """Cancel a PENDING or IN_PROGRESS request with a note; the cost is refunded once."""
    note = clean_text(note or "", key="concierge.note_length", max_len=NOTE_MAX)
    with transaction(session):
        require_admin(session, actor_id)
        before = _snapshot(_load(session, request_id))
        request = move_status(
            session,
            request_id,
            allowed_from=OPEN,
            to=ConciergeStatus.CANCELLED,
            values={"admin_notes": note} if note else None,
        )
        if request is None:
            raise Conflict("concierge.not_cancellable")
        refund(session, request)
        record_event(
            session,
            request,
            actor_id=actor_id,
            kind="cancelled",
            from_status=before["status"],
            to_status="CANCELLED",
            note=note,
        )
        refunded = request.stars_cost if request.spend_entry_id is not None else 0
        _audit(session, request, actor_id, "cancelled", before, note=note, refunded_stars=refunded)
        notifications.notify(
            session=session,
            user_id=request.user_id,
            kind="concierge_cancelled",
            params={"request_id": request.id, "stars": request.stars_cost},
            link="/concierge",
        )
    return request


def update_concierge_status(
    *,
    session: Session,
    actor_id: int,
    request_id: int,
    status: str,
    admin_notes: str | None = None,
) -> ConciergeRequest:
    """Move along the allowed transitions only (FULFILLED goes through fulfilment)."""
    try:
        target = ConciergeStatus(str(status))
    except ValueError:
        raise InvalidInput("concierge.invalid_status") from None
    if target == ConciergeStatus.FULFILLED:
        raise InvalidInput("concierge.use_fulfil")
    if target == ConciergeStatus.CANCELLED:
        return admin_cancel_request(
            session=session, actor_id=actor_id, request_id=request_id, note=admin_notes or ""
        )
    note = clean_text(admin_notes or "", key="concierge.note_length", max_len=NOTE_MAX)
    with transaction(session):
        require_admin(session, actor_id)
        before = _snapshot(_load(session, request_id))
        current = ConciergeStatus(before["status"])
        if target not in TRANSITIONS.get(current, frozenset()):
            raise Conflict("concierge.invalid_transition", frm=current.value, to=target.value)
        values = {"admin_notes": note} if note else {}
        request = move_status(session, request_id, allowed_from=[current], to=target, values=values)
        if request is None:
            raise Conflict("concierge.changed_meanwhile")
        record_event(
            session,
            request,
            actor_id=actor_id,
            kind="status",
            from_status=current.value,
            to_status=target.value,
            note=note,
        )
        _audit(session, request, actor_id, "status_changed", before, note=note)
    return request


def assign_request(
    *, session: Session, actor_id: int, request_id: int, assignee_id: int | None
) -> ConciergeRequest:
    """Assign a request to an admin (or unassign with None)."""
    if assignee_id is not None and (
        isinstance(assignee_id, bool) or not isinstance(assignee_id, int)
    ):
        raise InvalidInput()
    with transaction(session):
        require_admin(session, actor_id)
        request = _load(session, request_id)
        before = _snapshot(request)
        if assignee_id is not None:
            assignee = session.get(User, assignee_id)
            if assignee is None or Role(assignee.role) != Role.ADMIN:
                raise InvalidInput("concierge.assignee_not_admin")
        request.assignee_id = assignee_id
        session.add(request)
        record_event(session, request, actor_id=actor_id, kind="assigned", assignee_id=assignee_id)
        _audit(session, request, actor_id, "assigned", before)
    return request


def fulfill_concierge_request(
    *,
    session: Session,
    actor_id: int,
    request_id: int,
    candidates: object,
    note: str = "",
    files_only: bool = False,
) -> ConciergeRequest:
    """Deliver cleaned candidates, mark FULFILLED and notify the requester.

    ``files_only``: the delivery is the fulfilment files, so no candidate rows are needed.
    """
    cleaned = [] if files_only and not candidates else clean_candidates(candidates)
    note = clean_text(note or "", key="concierge.note_length", max_len=NOTE_MAX)
    with transaction(session):
        require_admin(session, actor_id)
        before = _snapshot(_load(session, request_id))
        values: dict[str, object] = {"result": {"candidates": cleaned}}
        if note:
            values["admin_notes"] = note
        request = move_status(
            session, request_id, allowed_from=OPEN, to=ConciergeStatus.FULFILLED, values=values
        )
        if request is None:
            raise Conflict("concierge.not_fulfillable")
        record_event(
            session,
            request,
            actor_id=actor_id,
            kind="fulfilled",
            from_status=before["status"],
            to_status="FULFILLED",
            note=note,
        )
        _audit(session, request, actor_id, "fulfilled", before, note=note, candidates=len(cleaned))
        notifications.notify(
            session=session,
            user_id=request.user_id,
            kind="concierge_fulfilled",
            params={"request_id": request.id, "count": len(cleaned)},
            link="/concierge",
        )
    return request
