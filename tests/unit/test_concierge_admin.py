"""The team's side: queue filters, transitions, assignment, fulfilment, audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from castyou.models.concierge import ConciergeRequest, ConciergeStatus, ConciergeType
from castyou.models.ledger import Source
from castyou.models.notification import Notification
from castyou.models.user import Role
from castyou.services.admin import concierge as admin_svc
from castyou.services.castars import ledger
from castyou.services.errors import Conflict, InvalidInput, NotAllowed
from tests.concierge_helpers import entries, events, submit
from tests.factories import make_user


def test_every_admin_function_rechecks_the_role_in_the_database(db):
    talent, admin = make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, talent)
    calls = [
        lambda actor: admin_svc.admin_list_concierge_requests(session=db, actor_id=actor),
        lambda actor: admin_svc.list_admins(session=db, actor_id=actor),
        lambda actor: admin_svc.update_concierge_status(
            session=db, actor_id=actor, request_id=request.id, status="IN_PROGRESS"
        ),
        lambda actor: admin_svc.assign_request(
            session=db, actor_id=actor, request_id=request.id, assignee_id=admin.id
        ),
        lambda actor: admin_svc.admin_cancel_request(
            session=db, actor_id=actor, request_id=request.id
        ),
        lambda actor: admin_svc.fulfill_concierge_request(
            session=db, actor_id=actor, request_id=request.id, candidates=[{"name": "A"}]
        ),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call(talent.id)
        with pytest.raises(NotAllowed):
            call(987654)
    fresh = db.get(ConciergeRequest, request.id)
    assert (fresh.status, fresh.assignee_id) == (ConciergeStatus.PENDING, None)
    assert [e.kind for e in events(db, request.id)] == ["created"]


def test_transitions_follow_the_rules_and_are_audited(db):
    talent, admin = make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, talent)

    def move(status, note=None):
        return admin_svc.update_concierge_status(
            session=db, actor_id=admin.id, request_id=request.id, status=status, admin_notes=note
        )

    with pytest.raises(InvalidInput):
        move("FULFILLED")
    with pytest.raises(InvalidInput):
        move("DONE")
    assert move("IN_PROGRESS", "Searching in LA").admin_notes == "Searching in LA"
    assert move("PENDING").status == ConciergeStatus.PENDING
    assert move("IN_PROGRESS").status == ConciergeStatus.IN_PROGRESS
    cancelled = move("CANCELLED", "Out of scope")
    assert cancelled.status == ConciergeStatus.CANCELLED
    for status in ("PENDING", "IN_PROGRESS", "CANCELLED"):
        with pytest.raises(Conflict):
            move(status)
    trail = [(e.kind, e.from_status, e.to_status, e.actor_id) for e in events(db, request.id)]
    assert trail == [
        ("created", None, "PENDING", talent.id),
        ("status", "PENDING", "IN_PROGRESS", admin.id),
        ("status", "IN_PROGRESS", "PENDING", admin.id),
        ("status", "PENDING", "IN_PROGRESS", admin.id),
        ("cancelled", "IN_PROGRESS", "CANCELLED", admin.id),
    ]
    assert [e.delta for e in entries(db, talent.id) if e.source == Source.REFUNDED] == [5_000]
    kinds = db.exec(select(Notification.kind).where(Notification.user_id == talent.id)).all()
    assert "concierge_cancelled" in kinds


def test_fulfilled_is_final(db):
    talent, admin = make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, talent)
    admin_svc.fulfill_concierge_request(
        session=db, actor_id=admin.id, request_id=request.id, candidates=[{"name": "A"}]
    )
    for status in ("PENDING", "IN_PROGRESS", "CANCELLED"):
        with pytest.raises(Conflict):
            admin_svc.update_concierge_status(
                session=db, actor_id=admin.id, request_id=request.id, status=status
            )
    with pytest.raises(Conflict):
        admin_svc.fulfill_concierge_request(
            session=db, actor_id=admin.id, request_id=request.id, candidates=[{"name": "B"}]
        )
    assert db.get(ConciergeRequest, request.id).status == ConciergeStatus.FULFILLED
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 0


def test_fulfil_stores_clean_candidates_and_notifies(db):
    talent, admin = make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, talent)
    done = admin_svc.fulfill_concierge_request(
        session=db,
        actor_id=admin.id,
        request_id=request.id,
        candidates=[
            {"name": " Rex ", "link": " https://rex.example/profile ", "notes": "good boy"},
            {"name": "", "link": "", "notes": ""},
            {"name": "rex", "link": "https://rex.example/profile", "notes": "again"},
            {"name": "Luna", "link": "", "notes": None},
        ],
        note="Two great options",
    )
    assert done.result == {
        "candidates": [
            {"name": "Rex", "link": "https://rex.example/profile", "notes": "good boy"},
            {"name": "Luna", "link": "", "notes": ""},
        ]
    }
    assert done.admin_notes == "Two great options"
    note = db.exec(select(Notification).where(Notification.user_id == talent.id)).all()
    assert [(n.kind, n.params) for n in note if n.kind.startswith("concierge")] == [
        ("concierge_fulfilled", {"request_id": request.id, "count": 2})
    ]
    assert events(db, request.id)[-1].note == "Two great options"


def test_assign_only_to_admins(db):
    talent, admin, other_admin = make_user(db), make_user(db, Role.ADMIN), make_user(db, Role.ADMIN)
    producer = make_user(db, Role.PRODUCER)
    request = submit(db, talent)
    with pytest.raises(InvalidInput):
        admin_svc.assign_request(
            session=db, actor_id=admin.id, request_id=request.id, assignee_id=producer.id
        )
    assigned = admin_svc.assign_request(
        session=db, actor_id=admin.id, request_id=request.id, assignee_id=other_admin.id
    )
    assert assigned.assignee_id == other_admin.id
    assert events(db, request.id)[-1].assignee_id == other_admin.id


def test_queue_filters_search_sort_and_pages(db):
    ana = make_user(db, name="Ana Searchable", email="ana@find.test")
    bob = make_user(db, name="Bob")
    admin = make_user(db, Role.ADMIN)
    urgent = submit(db, bob, ConciergeType.URGENT)
    basics = [submit(db, ana) for _ in range(21)]
    admin_svc.assign_request(
        session=db, actor_id=admin.id, request_id=urgent.id, assignee_id=admin.id
    )

    def ids(**kwargs):
        page = admin_svc.admin_list_concierge_requests(session=db, actor_id=admin.id, **kwargs)
        return [row.request.id for row in page.rows], page.has_next

    first, more = ids()
    assert first[0] == urgent.id and len(first) == 20 and more
    assert ids(page=2) == ([r.id for r in basics[-2:]], False)
    assert ids(sort="created")[0][0] == basics[-1].id
    assert ids(assigned_to_me=True) == ([urgent.id], False)
    assert len(ids(search="FIND.TEST", page=2)[0]) == 1
    assert ids(search="bob") == ([urgent.id], False)
    assert ids(search="100%_") == ([], False)
    assert ids(status="FULFILLED") == ([], False)
    for bad in ({"status": "x"}, {"sort": "password_hash"}, {"page": 0}, {"page": "1"}):
        with pytest.raises(InvalidInput):
            ids(**bad)


def test_overdue_sorting_uses_the_sla_snapshot(db):
    talent, admin = make_user(db), make_user(db, Role.ADMIN)
    basic = submit(db, talent, ConciergeType.BASIC)
    urgent = submit(db, talent, ConciergeType.URGENT)
    assert urgent.sla_due_at < basic.sla_due_at
    assert basic.sla_due_at - basic.created_at == timedelta(hours=72)
    page = admin_svc.admin_list_concierge_requests(session=db, actor_id=admin.id)
    assert [row.request.id for row in page.rows] == [urgent.id, basic.id]
