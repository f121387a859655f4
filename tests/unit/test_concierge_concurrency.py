"""Races: double submits charge once; concurrent cancel clicks refund once."""

from __future__ import annotations

import threading

from sqlmodel import select

from castyou.db import new_session
from castyou.models.concierge import ConciergeRequest, ConciergeStatus
from castyou.models.ledger import Source
from castyou.models.user import Role
from castyou.services.admin import concierge as concierge_admin
from castyou.services.castars import ledger
from castyou.services.concierge import requester
from castyou.services.errors import CasTyouError
from tests.concierge_helpers import entries, new_key, submit
from tests.factories import fund, make_user
from tests.ledger_checks import assert_ledger_consistent

THREADS = 12


def _race(target, count: int = THREADS) -> list[str]:
    barrier = threading.Barrier(count)
    outcomes: list[str] = []

    def run(n: int) -> None:
        barrier.wait()
        try:
            outcomes.append(target(n))
        except CasTyouError as error:
            outcomes.append(error.code)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_submits_with_one_key_make_one_request_and_one_charge(engine, db):
    user = make_user(db)
    fund(db, user, 50_000)
    key = new_key()

    def click(_n: int) -> str:
        with new_session(engine) as session:
            request = requester.submit_concierge_request(
                session=session,
                user_id=user.id,
                type="BASIC",
                description="Need a dog actor",
                idempotency_key=key,
            )
            return str(request.id)

    outcomes = _race(click)
    assert len(set(outcomes)) == 1 and outcomes[0].isdigit()
    assert len(db.exec(select(ConciergeRequest)).all()) == 1
    assert ledger.get_balance(session=db, user_id=user.id).balance == 45_000
    assert_ledger_consistent(db, user.id)


def test_concurrent_cancel_clicks_refund_once(engine, db):
    user, admin = make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, user)

    def click(n: int) -> str:
        with new_session(engine) as session:
            if n % 2:
                concierge_admin.admin_cancel_request(
                    session=session, actor_id=admin.id, request_id=request.id, note="dup"
                )
            else:
                requester.cancel_my_request(session=session, user_id=user.id, request_id=request.id)
            return "ok"

    outcomes = _race(click)
    assert outcomes.count("ok") == 1
    assert outcomes.count("concierge.not_cancellable") == THREADS - 1
    assert [e.delta for e in entries(db, user.id) if e.source == Source.REFUNDED] == [5_000]
    assert ledger.get_balance(session=db, user_id=user.id).balance == 5_000
    db.expire_all()
    assert db.get(ConciergeRequest, request.id).status == ConciergeStatus.CANCELLED
    assert_ledger_consistent(db, user.id)


def test_cancel_racing_fulfil_leaves_one_outcome(engine, db):
    user, admin = make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, user)

    def click(n: int) -> str:
        with new_session(engine) as session:
            if n % 2:
                concierge_admin.fulfill_concierge_request(
                    session=session,
                    actor_id=admin.id,
                    request_id=request.id,
                    candidates=[{"name": "A"}],
                )
                return "fulfilled"
            requester.cancel_my_request(session=session, user_id=user.id, request_id=request.id)
            return "cancelled"

    outcomes = _race(click, 8)
    winners = [o for o in outcomes if o in ("fulfilled", "cancelled")]
    assert len(winners) == 1
    refunds = [e for e in entries(db, user.id) if e.source == Source.REFUNDED]
    assert len(refunds) == (1 if winners == ["cancelled"] else 0)
    assert_ledger_consistent(db, user.id)
