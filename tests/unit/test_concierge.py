"""The requester's side: paying, idempotent submit, cancelling with one refund, thread, rating."""

from __future__ import annotations

import pytest
from sqlmodel import select

from castyou.models.concierge import ConciergeRequest, ConciergeStatus, ConciergeType
from castyou.models.ledger import Source
from castyou.models.user import Role
from castyou.services.admin import concierge as concierge_admin
from castyou.services.castars import ledger
from castyou.services.concierge import requester
from castyou.services.concierge.tiers import CONCIERGE_TIERS, concierge_options
from castyou.services.errors import Conflict, InsufficientBalance, InvalidInput, NotFound
from tests.concierge_helpers import entries, events, new_key, submit
from tests.factories import fund, make_user
from tests.ledger_checks import assert_ledger_consistent


def test_registry_holds_the_spec_costs_and_slas():
    assert [(t.type, t.stars_cost, t.sla_hours) for t in concierge_options()] == [
        (ConciergeType.BASIC, 5_000, 72),
        (ConciergeType.SPECIALIZED, 10_000, 48),
        (ConciergeType.URGENT, 25_000, 24),
    ]


def test_submit_debits_the_tier_cost_and_snapshots_it(db):
    user = make_user(db)
    fund(db, user, 30_000)
    request = requester.submit_concierge_request(
        session=db,
        user_id=user.id,
        type="URGENT",
        description="  Need a one-legged skateboarder tomorrow  ",
        idempotency_key=new_key(),
    )
    assert request.status == ConciergeStatus.PENDING
    assert request.description == "Need a one-legged skateboarder tomorrow"
    assert request.stars_cost == 25_000
    assert (request.sla_due_at - request.created_at).total_seconds() == 24 * 3600
    assert ledger.get_balance(session=db, user_id=user.id).balance == 5_000
    spend = entries(db, user.id)[-1]
    assert (spend.source, spend.delta, spend.id) == (Source.SPENT, -25_000, request.spend_entry_id)
    assert [e.kind for e in events(db, request.id)] == ["created"]


def test_short_balance_creates_nothing(db):
    user = make_user(db)
    fund(db, user, 4_999)
    with pytest.raises(InsufficientBalance) as raised:
        submit(db, user, ConciergeType.BASIC, funded=False)
    assert raised.value.params == {"needed": 1}
    assert db.exec(select(ConciergeRequest)).all() == []
    assert ledger.get_balance(session=db, user_id=user.id).balance == 4_999


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"type": "PLATINUM"}, "concierge.invalid_type"),
        ({"description": "   short   "}, "concierge.description_length"),
        ({"description": "x" * 2_001}, "concierge.description_length"),
        ({"description": 12345678901}, "concierge.description_length"),
        ({"idempotency_key": "bad key!"}, "concierge.invalid_key"),
        ({"idempotency_key": None}, "concierge.invalid_key"),
    ],
)
def test_invalid_submissions_are_refused_and_change_nothing(db, kwargs, code):
    user = make_user(db)
    fund(db, user, 50_000)
    args = {"type": "BASIC", "description": "Need a dog actor", "idempotency_key": new_key()}
    with pytest.raises(InvalidInput) as raised:
        requester.submit_concierge_request(session=db, user_id=user.id, **{**args, **kwargs})
    assert raised.value.code == code
    assert db.exec(select(ConciergeRequest)).all() == []
    assert ledger.get_balance(session=db, user_id=user.id).balance == 50_000


def test_description_bounds_are_inclusive(db):
    user = make_user(db)
    fund(db, user, 10_000)
    for text in ("x" * 10, "y" * 2_000):
        requester.submit_concierge_request(
            session=db, user_id=user.id, type="BASIC", description=text, idempotency_key=new_key()
        )
    assert len(requester.my_concierge_requests(session=db, user_id=user.id)) == 2


def test_same_key_is_one_request_and_one_charge(db):
    user = make_user(db)
    fund(db, user, 20_000)
    key = new_key()
    first, second = (
        requester.submit_concierge_request(
            session=db,
            user_id=user.id,
            type="BASIC",
            description="Need a dog actor",
            idempotency_key=key,
        )
        for _ in range(2)
    )
    assert first.id == second.id
    assert ledger.get_balance(session=db, user_id=user.id).balance == 15_000
    other = make_user(db)
    fund(db, other, 5_000)
    theirs = requester.submit_concierge_request(
        session=db,
        user_id=other.id,
        type="BASIC",
        description="Need a dog actor",
        idempotency_key=key,
    )
    assert theirs.id != first.id


def test_my_requests_are_only_mine_newest_first(db):
    ana, bob = make_user(db), make_user(db)
    a1, a2 = submit(db, ana), submit(db, ana)
    submit(db, bob)
    assert [r.id for r in requester.my_concierge_requests(session=db, user_id=ana.id)] == [
        a2.id,
        a1.id,
    ]


def test_cancel_pending_refunds_the_full_cost_once(db):
    user = make_user(db)
    request = submit(db, user, ConciergeType.SPECIALIZED)
    cancelled = requester.cancel_my_request(session=db, user_id=user.id, request_id=request.id)
    assert cancelled.status == ConciergeStatus.CANCELLED
    with pytest.raises(Conflict):
        requester.cancel_my_request(session=db, user_id=user.id, request_id=request.id)
    refunds = [e for e in entries(db, user.id) if e.source == Source.REFUNDED]
    assert [e.delta for e in refunds] == [10_000]
    assert ledger.get_balance(session=db, user_id=user.id).balance == 10_000
    assert [e.kind for e in events(db, request.id)] == ["created", "cancelled"]
    assert_ledger_consistent(db, user.id)


def test_requester_cannot_cancel_in_progress_or_someone_elses(db):
    owner, stranger, admin = make_user(db), make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, owner)
    with pytest.raises(NotFound):
        requester.cancel_my_request(session=db, user_id=stranger.id, request_id=request.id)
    concierge_admin.update_concierge_status(
        session=db, actor_id=admin.id, request_id=request.id, status="IN_PROGRESS"
    )
    with pytest.raises(Conflict):
        requester.cancel_my_request(session=db, user_id=owner.id, request_id=request.id)
    assert db.get(ConciergeRequest, request.id).status == ConciergeStatus.IN_PROGRESS
    assert ledger.get_balance(session=db, user_id=owner.id).balance == 0


def test_thread_hides_internal_notes_from_the_requester(db):
    owner, stranger, admin = make_user(db), make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, owner)
    requester.post_message(session=db, actor_id=owner.id, request_id=request.id, body=" Hi team ")
    requester.post_message(session=db, actor_id=admin.id, request_id=request.id, body="On it")
    requester.post_message(
        session=db, actor_id=admin.id, request_id=request.id, body="VIP", internal=True
    )
    mine = requester.get_thread(session=db, actor_id=owner.id, request_id=request.id)
    assert [m.body for m in mine.messages] == ["Hi team", "On it"]
    assert mine.events == []
    team = requester.get_thread(session=db, actor_id=admin.id, request_id=request.id)
    assert [m.body for m in team.messages] == ["Hi team", "On it", "VIP"]
    assert [e.kind for e in team.events] == ["created"]
    with pytest.raises(NotFound):
        requester.get_thread(session=db, actor_id=stranger.id, request_id=request.id)
    with pytest.raises(NotFound):
        requester.post_message(session=db, actor_id=stranger.id, request_id=request.id, body="x")
    with pytest.raises(Exception):  # noqa: B017
        requester.post_message(
            session=db, actor_id=owner.id, request_id=request.id, body="psst", internal=True
        )
    with pytest.raises(InvalidInput):
        requester.post_message(session=db, actor_id=owner.id, request_id=request.id, body="   ")


def test_rating_once_after_fulfilment(db):
    owner, admin = make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, owner)
    with pytest.raises(Conflict):
        requester.rate_request(session=db, user_id=owner.id, request_id=request.id, rating=5)
    concierge_admin.fulfill_concierge_request(
        session=db, actor_id=admin.id, request_id=request.id, candidates=[{"name": "Rex"}]
    )
    for bad in (0, 6, "5", True, 4.5):
        with pytest.raises(InvalidInput):
            requester.rate_request(session=db, user_id=owner.id, request_id=request.id, rating=bad)
    rated = requester.rate_request(
        session=db, user_id=owner.id, request_id=request.id, rating=4, comment=" Great "
    )
    assert (rated.rating, rated.rating_comment) == (4, "Great")
    with pytest.raises(Conflict):
        requester.rate_request(session=db, user_id=owner.id, request_id=request.id, rating=1)
    assert db.get(ConciergeRequest, request.id).rating == 4


def test_costs_come_from_the_registry(db):
    user = make_user(db)
    for tier in CONCIERGE_TIERS.values():
        request = submit(db, user, tier.type)
        assert request.stars_cost == tier.stars_cost
    assert ledger.get_balance(session=db, user_id=user.id).balance == 0


def test_changes_reach_open_pages_but_internal_notes_stay_with_the_team(db):
    from castyou.services import live

    owner, admin = make_user(db), make_user(db, Role.ADMIN)
    with live.acting_tab("") as submitted:
        request = submit(db, owner)
    team = {live.CONCIERGE_QUEUE, live.request(request.id)}
    assert submitted >= {live.requests(owner.id), live.wallet(owner.id)} | team
    with live.acting_tab("") as noted:
        requester.post_message(
            session=db, actor_id=admin.id, request_id=request.id, body="VIP", internal=True
        )
    assert noted == team
    with live.acting_tab("") as moved:
        concierge_admin.update_concierge_status(
            session=db, actor_id=admin.id, request_id=request.id, status="IN_PROGRESS"
        )
    assert moved == {live.requests(owner.id)} | team
