"""Admin star grants, with a second admin's approval above a threshold.

Every grant is an ``AdminGrant`` row; its id is the ledger key, so it credits at
most once. A grant up to the threshold credits at once; above it the row waits
as PENDING until another admin approves (credits) or rejects it. Deciding locks
the row and checks it is still PENDING, so two admins deciding at once (or one
double click) credit once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.admin import AdminGrant, GrantStatus
from castyou.models.user import User
from castyou.services.admin import promotions
from castyou.services.admin.audit import record_admin_action
from castyou.services.castars import ledger
from castyou.services.errors import Conflict, InvalidInput, NotAllowed, NotFound
from castyou.services.roles import require_admin
from castyou.settings import get_settings

MIN_GRANT = 1
MAX_GRANT = 1_000_000
GRANT_APPROVAL_THRESHOLD = 10_000
MAX_REASON_LENGTH = 140


@dataclass(frozen=True)
class GrantResult:
    grant: AdminGrant
    changed: bool


def approval_threshold() -> int:
    """Grants above this many stars need a second admin (setting overrides the default)."""
    return get_settings().grant_approval_threshold or GRANT_APPROVAL_THRESHOLD


def _check_grant(amount: object, reason: object) -> tuple[int, str]:
    if (
        isinstance(amount, bool)
        or not isinstance(amount, int)
        or not (MIN_GRANT <= amount <= MAX_GRANT)
    ):
        raise InvalidInput("admin.grant_invalid_amount", min=MIN_GRANT, max=MAX_GRANT)
    text = reason.strip() if isinstance(reason, str) else ""
    if not text or len(text) > MAX_REASON_LENGTH:
        raise InvalidInput("admin.grant_reason_required", max=MAX_REASON_LENGTH)
    return amount, text


def _snapshot(grant: AdminGrant) -> dict[str, object]:
    return {
        "status": GrantStatus(grant.status).value,
        "amount": grant.amount,
        "user_id": grant.user_id,
    }


def _credit(session: Session, grant: AdminGrant) -> None:
    assert grant.id is not None
    posting = ledger.grant_stars(
        session=session,
        user_id=grant.user_id,
        amount=grant.amount,
        reason=f"Admin grant: {grant.reason}",
        key=f"admin-grant:{grant.id}",
    )
    grant.entry_id = posting.entry.id


def request_grant(
    *, session: Session, actor_id: int, user_id: int, amount: int, reason: str
) -> AdminGrant:
    """Grant stars now, or park the grant for approval when above the threshold."""
    amount, reason = _check_grant(amount, reason)
    with transaction(session):
        require_admin(session, actor_id)
        if session.get(User, user_id) is None:
            raise NotFound("admin.unknown_user")
        pending = amount > approval_threshold()
        grant = AdminGrant(
            user_id=user_id,
            amount=amount,
            reason=reason,
            requested_by_id=actor_id,
            status=GrantStatus.PENDING if pending else GrantStatus.APPROVED,
        )
        session.add(grant)
        session.flush()
        if not pending:
            _credit(session, grant)
            session.add(grant)
        record_admin_action(
            session=session,
            admin_id=actor_id,
            action="grant.requested" if pending else "grant.credited",
            target_type="user",
            target_id=user_id,
            before=None,
            after={**_snapshot(grant), "grant_id": grant.id},
            note=reason,
        )
    return grant


def _locked_grant(session: Session, grant_id: int) -> AdminGrant:
    grant = session.exec(
        select(AdminGrant)
        .where(AdminGrant.id == grant_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if grant is None:
        raise NotFound("admin.unknown_grant")
    return grant


def decide_grant(*, session: Session, actor_id: int, grant_id: int, approve: bool) -> GrantResult:
    """Approve (credit) or reject a PENDING grant; a repeat of the same decision is a no-op.

    The approver must be a second person: not the requester, and not an admin tied to
    the requester by a promotion (one promoted the other, asking or approving).
    """
    target = GrantStatus.APPROVED if approve else GrantStatus.REJECTED
    with transaction(session):
        require_admin(session, actor_id)
        grant = _locked_grant(session, grant_id)
        if grant.status == target:
            return GrantResult(grant, changed=False)
        if grant.status != GrantStatus.PENDING:
            raise Conflict("admin.grant_already_decided")
        if grant.requested_by_id == actor_id:
            raise NotAllowed("admin.grant_needs_second_admin")
        if approve and grant.requested_by_id in promotions.linked_admins(session, actor_id):
            raise NotAllowed("admin.grant_linked_admin")
        before = _snapshot(grant)
        grant.status = target
        grant.decided_by_id = actor_id
        grant.decided_at = utcnow()
        if approve:
            _credit(session, grant)
        session.add(grant)
        record_admin_action(
            session=session,
            admin_id=actor_id,
            action="grant.approved" if approve else "grant.rejected",
            target_type="grant",
            target_id=grant_id,
            before=before,
            after=_snapshot(grant),
        )
    return GrantResult(grant, changed=True)


@dataclass(frozen=True)
class GrantView:
    grant: AdminGrant
    user_label: str
    requester_label: str


def list_grants(
    *, session: Session, actor_id: int, status: str | None = None, limit: int = 50
) -> list[GrantView]:
    """The newest grants with who they credit and who asked, optionally one ``status``."""
    require_admin(session, actor_id)
    query = select(AdminGrant)
    if status is not None:
        if status not in {s.value for s in GrantStatus}:
            raise InvalidInput("admin.invalid_filter")
        query = query.where(AdminGrant.status == status)
    grants = list(
        session.exec(query.order_by(col(AdminGrant.id).desc()).limit(max(1, min(limit, 100))))
    )
    ids = {g.user_id for g in grants} | {g.requested_by_id for g in grants}
    users = session.exec(select(User).where(col(User.id).in_(ids))).all() if ids else []
    labels = {user.id: f"{user.display_name} <{user.email}>" for user in users}
    return [
        GrantView(g, labels.get(g.user_id, ""), labels.get(g.requested_by_id, "")) for g in grants
    ]
