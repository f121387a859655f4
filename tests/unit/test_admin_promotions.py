"""Promotions to ADMIN need a second admin; promotion ties block grant approvals."""

from __future__ import annotations

import pytest
from sqlmodel import select

from castyou.models.admin import AdminAction, AdminGrant, AdminPromotion, PromotionStatus
from castyou.models.user import Role, User
from castyou.services.admin import grants, promotions, users
from castyou.services.errors import Conflict, NotAllowed
from tests.factories import make_user


def _role(db, user: User) -> Role:
    db.expire_all()
    return Role(db.get(User, user.id).role)


def _promote(db, requester: User, approver: User, target: User) -> None:
    users.change_role(session=db, actor_id=requester.id, user_id=target.id, role="ADMIN")
    [pending] = promotions.list_pending(session=db, actor_id=approver.id)
    promotions.decide_promotion(
        session=db, actor_id=approver.id, promotion_id=pending.promotion.id, approve=True
    )


def test_change_role_to_admin_only_files_a_pending_promotion(db):
    root, talent = make_user(db, Role.ADMIN), make_user(db)
    user = users.change_role(session=db, actor_id=root.id, user_id=talent.id, role="ADMIN")
    assert Role(user.role) == Role.TALENT and _role(db, talent) == Role.TALENT
    again = users.change_role(session=db, actor_id=root.id, user_id=talent.id, role="ADMIN")
    assert Role(again.role) == Role.TALENT
    [row] = db.exec(select(AdminPromotion)).all()
    assert (row.user_id, row.requested_by_id, row.status) == (
        talent.id,
        root.id,
        PromotionStatus.PENDING,
    )
    actions = db.exec(select(AdminAction.action)).all()
    assert actions == ["user.promotion_requested"]


def test_the_requester_cannot_approve_their_own_promotion_request(db):
    root, talent = make_user(db, Role.ADMIN), make_user(db)
    promotion = promotions.request_promotion(session=db, actor_id=root.id, user_id=talent.id)
    with pytest.raises(NotAllowed):
        promotions.decide_promotion(
            session=db, actor_id=root.id, promotion_id=promotion.id, approve=True
        )
    assert _role(db, talent) == Role.TALENT


def test_a_second_admin_approves_and_the_role_changes_audited(db):
    root, other, talent = make_user(db, Role.ADMIN), make_user(db, Role.ADMIN), make_user(db)
    _promote(db, root, other, talent)
    assert _role(db, talent) == Role.ADMIN
    [row] = db.exec(
        select(AdminAction).where(AdminAction.action == "user.promotion_approved")
    ).all()
    assert (row.admin_id, row.before["role"], row.after["role"]) == (other.id, "TALENT", "ADMIN")
    assert promotions.list_pending(session=db, actor_id=root.id) == []


def test_rejecting_keeps_the_role_and_a_decided_promotion_cannot_flip(db):
    root, other, talent = make_user(db, Role.ADMIN), make_user(db, Role.ADMIN), make_user(db)
    promotion = promotions.request_promotion(session=db, actor_id=root.id, user_id=talent.id)
    promotions.decide_promotion(
        session=db, actor_id=other.id, promotion_id=promotion.id, approve=False
    )
    with pytest.raises(Conflict):
        promotions.decide_promotion(
            session=db, actor_id=other.id, promotion_id=promotion.id, approve=True
        )
    assert _role(db, talent) == Role.TALENT


def test_non_admins_cannot_request_or_decide(db):
    root, talent, producer = make_user(db, Role.ADMIN), make_user(db), make_user(db, Role.PRODUCER)
    with pytest.raises(NotAllowed):
        promotions.request_promotion(session=db, actor_id=talent.id, user_id=talent.id)
    promotion = promotions.request_promotion(session=db, actor_id=root.id, user_id=talent.id)
    for actor in (talent, producer):
        with pytest.raises(NotAllowed):
            promotions.decide_promotion(
                session=db, actor_id=actor.id, promotion_id=promotion.id, approve=True
            )
    assert _role(db, talent) == Role.TALENT


def _big_grant(db, requester: User, to: User) -> AdminGrant:
    amount = grants.approval_threshold() + 1
    return grants.request_grant(
        session=db, actor_id=requester.id, user_id=to.id, amount=amount, reason="big"
    )


def test_the_requesters_promotee_cannot_approve_the_requesters_grant(db):
    root, other = make_user(db, Role.ADMIN), make_user(db, Role.ADMIN)
    sock = make_user(db)
    _promote(db, root, other, sock)  # root asked, other approved: sock is root's promotee
    grant = _big_grant(db, root, root)
    with pytest.raises(NotAllowed):
        grants.decide_grant(session=db, actor_id=sock.id, grant_id=grant.id, approve=True)
    db.expire_all()
    assert db.get(AdminGrant, grant.id).status == "PENDING"
    result = grants.decide_grant(session=db, actor_id=other.id, grant_id=grant.id, approve=True)
    assert result.changed


def test_promotion_ties_block_approval_in_both_directions(db):
    root, other = make_user(db, Role.ADMIN), make_user(db, Role.ADMIN)
    new_admin, outsider = make_user(db), make_user(db, Role.ADMIN)
    _promote(db, root, other, new_admin)
    for requester, approver in ((new_admin, root), (new_admin, other), (other, new_admin)):
        grant = _big_grant(db, requester, outsider)
        with pytest.raises(NotAllowed):
            grants.decide_grant(session=db, actor_id=approver.id, grant_id=grant.id, approve=True)
        assert grants.decide_grant(
            session=db, actor_id=outsider.id, grant_id=grant.id, approve=True
        ).changed


def test_cli_admins_have_no_promotion_and_approve_each_other(db):
    first, second, talent = make_user(db, Role.ADMIN), make_user(db, Role.ADMIN), make_user(db)
    assert promotions.linked_admins(db, first.id) == set()
    grant = _big_grant(db, first, talent)
    assert grants.decide_grant(session=db, actor_id=second.id, grant_id=grant.id, approve=True)
