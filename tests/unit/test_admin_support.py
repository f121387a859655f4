"""The support view lists what needs a human and each item can be marked done once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.models.admin import AdminAction
from castyou.models.concierge import ConciergeRequest
from castyou.models.payments import WebhookDelivery
from castyou.models.user import Role
from castyou.services.admin import concierge as admin_concierge
from castyou.services.admin import support
from castyou.services.concierge import requester
from castyou.services.errors import Conflict, NotAllowed, NotFound
from tests.concierge_helpers import submit
from tests.factories import make_user
from tests.payment_helpers import open_purchase

CANDIDATE = [{"name": "Rex", "link": "https://example.test/rex"}]


def _world(db: Session):  # type: ignore[no-untyped-def]
    user, admin = make_user(db), make_user(db, Role.ADMIN)
    late, _on_time, unhappy, happy = (submit(db, user) for _ in range(4))
    db.execute(
        update(ConciergeRequest)
        .where(col(ConciergeRequest.id) == late.id)
        .values(sla_due_at=utcnow() - timedelta(hours=1))
    )
    db.commit()
    for request, stars in ((unhappy, 2), (happy, 4)):
        admin_concierge.fulfill_concierge_request(
            session=db, actor_id=admin.id, request_id=request.id, candidates=CANDIDATE
        )
        requester.rate_request(
            session=db, user_id=user.id, request_id=request.id, rating=stars, comment="Too slow"
        )
    purchase = open_purchase(db, user)
    purchase.refund_shortfall = 120
    db.add(purchase)
    db.add(
        WebhookDelivery(
            event_id="evt_flag",
            event_type="payment_intent.succeeded",
            payload="{}",
            outcome="FLAGGED",
            error="amount_mismatch",
        )
    )
    db.add(
        WebhookDelivery(
            event_id="evt_ok",
            event_type="payment_intent.succeeded",
            payload="{}",
            outcome="PROCESSED",
        )
    )
    db.commit()
    return admin, late, unhappy, purchase


def test_items_of_every_kind_and_only_those(db: Session) -> None:
    admin, late, unhappy, purchase = _world(db)
    items = support.support_items(session=db, actor_id=admin.id)
    assert [(i.kind, i.ref_id) for i in items[:3]] == [
        ("overdue", late.id),
        ("low_rating", unhappy.id),
        ("refund_shortfall", purchase.id),
    ]
    assert items[1].detail == "Too slow" and items[0].link == f"/admin/concierge?request={late.id}"
    (hook,) = [i for i in items if i.kind == "webhook"]
    assert hook.detail == "amount_mismatch"
    assert len(items) == 4


def test_marking_done_hides_the_item_is_audited_and_happens_once(db: Session) -> None:
    admin, late, _, _ = _world(db)
    support.mark_done(session=db, actor_id=admin.id, kind="overdue", ref_id=late.id, note="Called")
    kinds = [i.kind for i in support.support_items(session=db, actor_id=admin.id)]
    assert "overdue" not in kinds and len(kinds) == 3
    audit = db.exec(select(AdminAction).where(AdminAction.action == "support.marked_done")).one()
    assert (audit.admin_id, audit.target_type, audit.note) == (admin.id, "overdue", "Called")
    with pytest.raises(Conflict):
        support.mark_done(session=db, actor_id=admin.id, kind="overdue", ref_id=late.id)
    with pytest.raises(NotFound):
        support.mark_done(session=db, actor_id=admin.id, kind="webhook", ref_id=999_999)


def test_only_admins(db: Session) -> None:
    user = make_user(db)
    with pytest.raises(NotAllowed):
        support.support_items(session=db, actor_id=user.id)
    request = submit(db, user)
    with pytest.raises(NotAllowed):
        support.mark_done(session=db, actor_id=user.id, kind="overdue", ref_id=request.id)
