"""Concurrent spends and credits on one wallet: exactly the affordable ones succeed."""

from __future__ import annotations

import threading

from castyou.db import new_session
from castyou.services.castars import ledger
from castyou.services.errors import InsufficientBalance
from tests.factories import fund, make_user
from tests.ledger_checks import assert_ledger_consistent

THREADS = 50


def _run_concurrently(target, count: int) -> None:
    barrier = threading.Barrier(count)
    threads = [threading.Thread(target=target, args=(barrier, n)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_fifty_threads_spend_exactly_what_the_wallet_affords(engine, db):
    user = make_user(db)
    affordable, cost = 17, 30
    fund(db, user, affordable * cost)
    outcomes: list[str] = []

    def spend(barrier: threading.Barrier, _n: int) -> None:
        with new_session(engine) as session:
            barrier.wait()
            try:
                ledger.spend_stars(session=session, user_id=user.id, amount=cost, reason="race")
                outcomes.append("ok")
            except InsufficientBalance:
                outcomes.append("short")

    _run_concurrently(spend, THREADS)
    assert outcomes.count("ok") == affordable
    assert outcomes.count("short") == THREADS - affordable
    assert ledger.get_balance(session=db, user_id=user.id).balance == 0
    assert_ledger_consistent(db, user.id)


def test_concurrent_duplicate_credits_pay_once(engine, db):
    user = make_user(db)
    created: list[bool] = []

    def credit(barrier: threading.Barrier, _n: int) -> None:
        with new_session(engine) as session:
            barrier.wait()
            posting = ledger.credit_purchase(
                session=session, user_id=user.id, stars=1650, payment_id="pi_race", reason="b"
            )
            created.append(posting.created)

    _run_concurrently(credit, 20)
    assert created.count(True) == 1
    assert ledger.get_balance(session=db, user_id=user.id).balance == 1650
    assert_ledger_consistent(db, user.id)
