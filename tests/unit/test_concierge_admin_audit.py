"""Every concierge admin action lands in the admin audit log, once, with before and after."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from castyou.models.admin import AdminAction
from castyou.models.concierge import ConciergeRequest, ConciergeStatus
from castyou.models.ledger import Source
from castyou.models.user import Role
from castyou.services.admin import audit
from castyou.services.admin import concierge as admin_svc
from castyou.services.concierge import requester
from castyou.services.errors import Conflict, InvalidInput, NotAllowed
from tests.concierge_helpers import entries, submit
from tests.factories import make_user

TARGET = "concierge_request"
FRESH = {"status": "PENDING", "assignee_id": None, "admin_notes": None}


def _rows(db) -> list[AdminAction]:
    db.expire_all()
    return list(db.exec(select(AdminAction).order_by(col(AdminAction.id))))


def _only_row(db) -> AdminAction:
    [row] = _rows(db)
    return row


def _world(db):
    talent, admin = make_user(db), make_user(db, Role.ADMIN)
    return talent, admin, submit(db, talent)


def _assert_row(row, admin, request, action, before, after, note=""):
    assert (row.admin_id, row.action) == (admin.id, action)
    assert (row.target_type, row.target_id) == (TARGET, str(request.id))
    assert (row.before, row.after, row.note) == (before, after, note)


def test_a_status_change_is_audited_once_with_status_and_note(db):
    _, admin, request = _world(db)
    admin_svc.update_concierge_status(
        session=db,
        actor_id=admin.id,
        request_id=request.id,
        status="IN_PROGRESS",
        admin_notes=" Searching in LA ",
    )
    after = {"status": "IN_PROGRESS", "assignee_id": None, "admin_notes": "Searching in LA"}
    _assert_row(
        _only_row(db),
        admin,
        request,
        "concierge.status_changed",
        FRESH,
        after,
        after["admin_notes"],
    )


def test_assigning_and_unassigning_are_audited_with_the_assignee(db):
    _, admin, request = _world(db)
    helper = make_user(db, Role.ADMIN)
    for assignee in (helper.id, None):
        admin_svc.assign_request(
            session=db, actor_id=admin.id, request_id=request.id, assignee_id=assignee
        )
    first, second = _rows(db)
    with_helper = {**FRESH, "assignee_id": helper.id}
    _assert_row(first, admin, request, "concierge.assigned", FRESH, with_helper)
    _assert_row(second, admin, request, "concierge.assigned", with_helper, FRESH)


@pytest.mark.parametrize("through_status", [False, True])
def test_a_cancellation_is_audited_once_with_the_refund(db, through_status):
    talent, admin, request = _world(db)
    if through_status:
        admin_svc.update_concierge_status(
            session=db,
            actor_id=admin.id,
            request_id=request.id,
            status="CANCELLED",
            admin_notes="Out of scope",
        )
    else:
        admin_svc.admin_cancel_request(
            session=db, actor_id=admin.id, request_id=request.id, note="Out of scope"
        )
    after = {
        "status": "CANCELLED",
        "assignee_id": None,
        "admin_notes": "Out of scope",
        "refunded_stars": request.stars_cost,
    }
    _assert_row(_only_row(db), admin, request, "concierge.cancelled", FRESH, after, "Out of scope")
    refunds = [e.delta for e in entries(db, talent.id) if e.source == Source.REFUNDED]
    assert refunds == [request.stars_cost]


def test_a_fulfilment_is_audited_with_the_number_of_candidates_delivered(db):
    _, admin, request = _world(db)
    admin_svc.update_concierge_status(
        session=db, actor_id=admin.id, request_id=request.id, status="IN_PROGRESS"
    )
    admin_svc.fulfill_concierge_request(
        session=db,
        actor_id=admin.id,
        request_id=request.id,
        candidates=[{"name": "Rex"}, {"name": "rex"}, {"name": "Luna"}, {"name": ""}],
        note="Two great options",
    )
    _, row = _rows(db)
    before = {**FRESH, "status": "IN_PROGRESS"}
    after = {
        "status": "FULFILLED",
        "assignee_id": None,
        "admin_notes": "Two great options",
        "candidates": 2,
    }
    _assert_row(row, admin, request, "concierge.fulfilled", before, after, "Two great options")


def test_an_admins_reply_and_internal_note_are_audited_but_the_requesters_message_is_not(db):
    talent, admin, request = _world(db)
    requester.post_message(session=db, actor_id=talent.id, request_id=request.id, body="Any news?")
    reply = requester.post_message(
        session=db, actor_id=admin.id, request_id=request.id, body=" On it "
    )
    note = requester.post_message(
        session=db, actor_id=admin.id, request_id=request.id, body="Ask Bea", internal=True
    )
    first, second = _rows(db)
    _assert_row(
        first,
        admin,
        request,
        "concierge.message_posted",
        None,
        {"message_id": reply.id, "internal": False, "body": "On it"},
        "On it",
    )
    _assert_row(
        second,
        admin,
        request,
        "concierge.note_added",
        None,
        {"message_id": note.id, "internal": True, "body": "Ask Bea"},
        "Ask Bea",
    )


def test_an_admin_writing_on_their_own_request_acts_as_a_requester(db):
    admin = make_user(db, Role.ADMIN)
    own = submit(db, admin)
    requester.post_message(session=db, actor_id=admin.id, request_id=own.id, body="For me")
    assert _rows(db) == []


def _snapshot(db, request_id):
    db.expire_all()
    request = db.get(ConciergeRequest, request_id)
    return (request.status, request.assignee_id, request.admin_notes, request.result)


def test_a_non_admin_changes_nothing_and_leaves_no_audit_row(db):
    talent, admin, request = _world(db)
    before = _snapshot(db, request.id)
    calls = [
        lambda actor: admin_svc.update_concierge_status(
            session=db, actor_id=actor, request_id=request.id, status="IN_PROGRESS"
        ),
        lambda actor: admin_svc.assign_request(
            session=db, actor_id=actor, request_id=request.id, assignee_id=admin.id
        ),
        lambda actor: admin_svc.admin_cancel_request(
            session=db, actor_id=actor, request_id=request.id, note="x"
        ),
        lambda actor: admin_svc.fulfill_concierge_request(
            session=db, actor_id=actor, request_id=request.id, candidates=[{"name": "A"}]
        ),
        lambda actor: requester.post_message(
            session=db, actor_id=actor, request_id=request.id, body="psst", internal=True
        ),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call(talent.id)
    assert _snapshot(db, request.id) == before
    assert _rows(db) == []


def test_refused_transitions_change_nothing_and_leave_no_audit_row(db):
    talent, admin, request = _world(db)
    producer = make_user(db, Role.PRODUCER)
    admin_svc.admin_cancel_request(session=db, actor_id=admin.id, request_id=request.id)
    rows, before = _rows(db), _snapshot(db, request.id)
    with pytest.raises(Conflict):
        admin_svc.fulfill_concierge_request(
            session=db, actor_id=admin.id, request_id=request.id, candidates=[{"name": "A"}]
        )
    with pytest.raises(Conflict):
        admin_svc.update_concierge_status(
            session=db, actor_id=admin.id, request_id=request.id, status="PENDING"
        )
    with pytest.raises(Conflict):
        admin_svc.admin_cancel_request(session=db, actor_id=admin.id, request_id=request.id)
    with pytest.raises(InvalidInput):
        admin_svc.update_concierge_status(
            session=db, actor_id=admin.id, request_id=request.id, status="FULFILLED"
        )
    with pytest.raises(InvalidInput):
        admin_svc.assign_request(
            session=db, actor_id=admin.id, request_id=request.id, assignee_id=producer.id
        )
    assert _snapshot(db, request.id) == before
    assert before[0] == ConciergeStatus.CANCELLED
    assert [row.id for row in _rows(db)] == [row.id for row in rows]
    assert len([e for e in entries(db, talent.id) if e.source == Source.REFUNDED]) == 1


def test_a_failure_after_the_audit_row_rolls_it_back_with_the_change(db, monkeypatch):
    _, admin, request = _world(db)

    def broken_notify(**_kwargs):
        raise RuntimeError("mail server down")

    monkeypatch.setattr(admin_svc.notifications, "notify", broken_notify)
    with pytest.raises(RuntimeError):
        admin_svc.fulfill_concierge_request(
            session=db, actor_id=admin.id, request_id=request.id, candidates=[{"name": "A"}]
        )
    assert _snapshot(db, request.id) == (ConciergeStatus.PENDING, None, None, None)
    assert _rows(db) == []


def test_the_audit_log_filters_concierge_actions_by_action_and_target(db):
    _, admin, request = _world(db)
    other = submit(db, make_user(db))
    admin_svc.assign_request(
        session=db, actor_id=admin.id, request_id=request.id, assignee_id=admin.id
    )
    admin_svc.update_concierge_status(
        session=db, actor_id=admin.id, request_id=request.id, status="IN_PROGRESS"
    )
    admin_svc.admin_cancel_request(session=db, actor_id=admin.id, request_id=other.id)

    def found(**filters):
        page = audit.list_admin_actions(
            session=db, actor_id=admin.id, filters=audit.ActionFilter(**filters)
        )
        return [(row.action, row.target_id) for row in page.items]

    assert found(target_type=TARGET) == [
        ("concierge.cancelled", str(other.id)),
        ("concierge.status_changed", str(request.id)),
        ("concierge.assigned", str(request.id)),
    ]
    assert found(action="concierge.assigned") == [("concierge.assigned", str(request.id))]
    assert found(target_type=TARGET, target_id=str(other.id)) == [
        ("concierge.cancelled", str(other.id))
    ]
    assert found(target_type="user") == []
