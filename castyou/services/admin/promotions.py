"""Promotions to ADMIN: one admin asks, a second admin approves, then the role changes.

One admin alone can no longer make a second admin account (and then approve their own
large grant with it). A promotion waits as PENDING until an admin who is neither the
requester nor the target approves or rejects it; deciding locks the row and checks it
is still PENDING, so two decisions (or a double click) change the role once. Admins
created by the CLI have no promotion row: they are the root of trust.

:func:`linked_admins` feeds the grant rule: an admin may not approve the grant of an
admin they promoted (asked for or approved), nor of an admin who promoted them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.admin import AdminPromotion, PromotionStatus
from castyou.models.user import Role, User
from castyou.services import live
from castyou.services.admin.audit import record_admin_action
from castyou.services.errors import Conflict, NotAllowed, NotFound
from castyou.services.roles import require_admin


@dataclass(frozen=True)
class PromotionView:
    promotion: AdminPromotion
    user_label: str
    requester_label: str


def _pending(session: Session, user_id: int) -> AdminPromotion | None:
    return session.exec(
        select(AdminPromotion).where(
            AdminPromotion.user_id == user_id, AdminPromotion.status == PromotionStatus.PENDING
        )
    ).first()


def request_promotion(*, session: Session, actor_id: int, user_id: int) -> AdminPromotion:
    """Ask for ``user_id`` to become an admin (the same pending request if one exists)."""
    try:
        with transaction(session):
            require_admin(session, actor_id)
            user = session.get(User, user_id, populate_existing=True)
            if user is None or user.id is None:
                raise NotFound("admin.unknown_user")
            if Role(user.role) == Role.ADMIN:
                raise Conflict("admin.already_admin")
            if (existing := _pending(session, user.id)) is not None:
                return existing
            promotion = AdminPromotion(
                user_id=user.id, requested_by_id=actor_id, status=PromotionStatus.PENDING
            )
            session.add(promotion)
            session.flush()
            record_admin_action(
                session=session,
                admin_id=actor_id,
                action="user.promotion_requested",
                target_type="user",
                target_id=user.id,
                before={"role": Role(user.role).value},
                after={"promotion_id": promotion.id, "status": PromotionStatus.PENDING.value},
            )
    except IntegrityError:  # a concurrent request for the same user won the unique index
        if (existing := _pending(session, user_id)) is None:
            raise
        return existing
    return promotion


def _locked(session: Session, promotion_id: int) -> AdminPromotion:
    promotion = session.exec(
        select(AdminPromotion)
        .where(AdminPromotion.id == promotion_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if promotion is None:
        raise NotFound("admin.unknown_promotion")
    return promotion


def decide_promotion(
    *, session: Session, actor_id: int, promotion_id: int, approve: bool
) -> AdminPromotion:
    """Approve (the role becomes ADMIN) or reject a pending promotion, as a second admin."""
    target = PromotionStatus.APPROVED if approve else PromotionStatus.REJECTED
    with transaction(session):
        require_admin(session, actor_id)
        promotion = _locked(session, promotion_id)
        if promotion.status == target:
            return promotion
        if promotion.status != PromotionStatus.PENDING:
            raise Conflict("admin.promotion_already_decided")
        if actor_id in (promotion.requested_by_id, promotion.user_id):
            raise NotAllowed("admin.promotion_needs_second_admin")
        user = session.get(User, promotion.user_id, populate_existing=True)
        if user is None:
            raise NotFound("admin.unknown_user")
        if approve and not _still_admin(session, promotion.requested_by_id):
            raise Conflict("admin.promotion_requester_gone")
        promotion.status, promotion.decided_by_id = target, actor_id
        promotion.decided_at = utcnow()
        session.add(promotion)
        before = Role(user.role).value
        if approve:
            user.role = Role.ADMIN
            session.add(user)
            live.announce(session, live.user_channel(promotion.user_id))
        record_admin_action(
            session=session,
            admin_id=actor_id,
            action="user.promotion_approved" if approve else "user.promotion_rejected",
            target_type="user",
            target_id=promotion.user_id,
            before={"role": before, "promotion_id": promotion.id},
            after={"role": Role(user.role).value, "requested_by": promotion.requested_by_id},
        )
    return promotion


def _still_admin(session: Session, user_id: int) -> bool:
    user = session.get(User, user_id, populate_existing=True)
    return user is not None and Role(user.role) == Role.ADMIN


def list_pending(*, session: Session, actor_id: int, limit: int = 50) -> list[PromotionView]:
    """Pending promotions, oldest first, with who would become admin and who asked."""
    require_admin(session, actor_id)
    rows = list(
        session.exec(
            select(AdminPromotion)
            .where(AdminPromotion.status == PromotionStatus.PENDING)
            .order_by(col(AdminPromotion.id))
            .limit(max(1, min(limit, 100)))
        )
    )
    ids = {p.user_id for p in rows} | {p.requested_by_id for p in rows}
    users = session.exec(select(User).where(col(User.id).in_(ids))).all() if ids else []
    labels = {u.id: f"{u.display_name} <{u.email}>" for u in users}
    return [
        PromotionView(p, labels.get(p.user_id, ""), labels.get(p.requested_by_id, "")) for p in rows
    ]


def linked_admins(session: Session, admin_id: int) -> set[int]:
    """Admins tied to ``admin_id`` by an approved promotion, in either direction.

    Those whose promotion ``admin_id`` asked for or approved, and those who asked for or
    approved ``admin_id``'s own promotion. Such an admin is not a second person for
    ``admin_id``'s grants.
    """
    rows = session.exec(
        select(AdminPromotion).where(
            AdminPromotion.status == PromotionStatus.APPROVED,
            or_(
                col(AdminPromotion.user_id) == admin_id,
                col(AdminPromotion.requested_by_id) == admin_id,
                col(AdminPromotion.decided_by_id) == admin_id,
            ),
        )
    ).all()
    linked: set[int] = set()
    for row in rows:
        if row.user_id == admin_id:
            linked |= {row.requested_by_id, row.decided_by_id or row.requested_by_id}
        else:
            linked.add(row.user_id)
    return linked - {admin_id}
