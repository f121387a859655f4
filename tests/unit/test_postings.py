"""The fast path: standalone postings on a Core connection, and the SQLite writer queue."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from castyou.clock import utcnow
from castyou.db import after_commit, write_tx
from castyou.models.ledger import LedgerEntry
from castyou.models.notification import Notification
from castyou.services.castars import ledger, standalone
from castyou.services.errors import Conflict, InsufficientBalance, NotFound
from castyou.writer_queue import WriterQueue, WriterQueueTimeout
from tests.factories import fund, make_user
from tests.ledger_checks import assert_ledger_consistent


def _threads(target, count: int) -> None:
    barrier = threading.Barrier(count)
    threads = [threading.Thread(target=target, args=(barrier,)) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_forty_threads_spend_exactly_what_the_wallet_affords(engine, db):
    user = make_user(db)
    fund(db, user, 13 * 7)
    outcomes: list[str] = []

    def spend(barrier: threading.Barrier) -> None:
        barrier.wait()
        try:
            standalone.spend(user_id=user.id, amount=7, reason="race", engine=engine)
            outcomes.append("ok")
        except InsufficientBalance:
            outcomes.append("short")

    _threads(spend, 40)
    assert outcomes.count("ok") == 13
    assert ledger.get_balance(session=db, user_id=user.id).balance == 0
    assert_ledger_consistent(db, user.id)


def test_concurrent_duplicate_earnings_pay_once(engine, db):
    user = make_user(db)
    created: list[bool] = []

    def earn(barrier: threading.Barrier) -> None:
        barrier.wait()
        posted = standalone.earn(
            user_id=user.id, stars=40, reason="r", ref_id="s", idem_key="k:dup", engine=engine
        )
        created.append(posted.created)

    _threads(earn, 16)
    assert created.count(True) == 1
    balance = ledger.get_balance(session=db, user_id=user.id)
    assert (balance.balance, balance.lifetime_stars) == (40, 40)
    assert_ledger_consistent(db, user.id)


def test_first_credit_creates_the_wallet_and_unknown_users_are_refused(engine, db):
    user = make_user(db)
    posted = standalone.earn(user_id=user.id, stars=5, reason="r", ref_id="s", idem_key="k1")
    assert (posted.created, posted.balance) == (True, 5)
    with pytest.raises(NotFound):
        standalone.earn(user_id=999_999, stars=5, reason="r", ref_id="s", idem_key="k2")
    with pytest.raises(NotFound):
        standalone.spend(user_id=999_999, amount=5, reason="r")


def test_a_short_debit_changes_nothing_and_a_key_cannot_pay_two_users(engine, db):
    alice, bob = make_user(db), make_user(db)
    fund(db, alice, 10)
    with pytest.raises(InsufficientBalance):
        standalone.spend(user_id=alice.id, amount=11, reason="r")
    standalone.earn(user_id=alice.id, stars=5, reason="r", ref_id="s", idem_key="k:owned")
    with pytest.raises(Conflict):
        standalone.earn(user_id=bob.id, stars=5, reason="r", ref_id="s", idem_key="k:owned")
    assert ledger.get_balance(session=db, user_id=alice.id).balance == 15
    assert ledger.get_balance(session=db, user_id=bob.id).balance == 0
    assert_ledger_consistent(db, alice.id)
    assert_ledger_consistent(db, bob.id)


def test_a_milestone_reached_on_the_fast_path_notifies_once(engine, db):
    user = make_user(db)
    for n in range(2):
        standalone.earn(user_id=user.id, stars=300, reason="r", ref_id="s", idem_key=f"m{n}")
    notes = db.query(Notification).filter(Notification.user_id == user.id).all()
    assert [note.kind for note in notes] == ["bounty_unlocked"]


def test_after_commit_hooks_run_after_commit_and_never_after_a_rollback(engine, db):
    user = make_user(db)
    ran: list[str] = []
    with write_tx(engine) as tx:
        standalone.post_in(tx, user_id=user.id, delta=3, source=ledger.Source.EARNED, reason="r")
        after_commit(tx.hooks, "x", lambda: ran.append("committed"))
        assert ran == []
    assert ran == ["committed"]
    with pytest.raises(RuntimeError), write_tx(engine) as tx:
        after_commit(tx.hooks, "y", lambda: ran.append("rolled back"))
        raise RuntimeError("boom")
    assert ran == ["committed"]


def test_the_writer_queue_hands_the_lock_over_in_arrival_order():
    queue = WriterQueue(timeout_s=5)
    order: list[int] = []
    queue.acquire()
    threads = []
    for n in range(6):
        thread = threading.Thread(
            target=lambda n=n: (queue.acquire(), order.append(n), queue.release())
        )
        thread.start()
        threads.append(thread)
        while queue.waiting < n + 1:  # each waiter is queued before the next arrives
            time.sleep(0.001)
    queue.release()
    for thread in threads:
        thread.join()
    assert order == list(range(6))


def test_a_newcomer_overtakes_a_waiter_only_until_the_waiter_is_overdue():
    queue = WriterQueue(timeout_s=5, handover_after_s=0.2)
    order: list[str] = []
    queue.acquire()
    waiter = threading.Thread(
        target=lambda: (queue.acquire(), order.append("waiter"), queue.release())
    )
    waiter.start()
    while queue.waiting < 1:
        time.sleep(0.001)
    queue.release()
    queue.acquire()  # the waiter has waited less than 0.2 s: a free lock goes to who asks
    order.append("newcomer")
    time.sleep(0.3)
    queue.release()  # the waiter is overdue now: handed over before anyone else can take it
    queue.acquire()
    order.append("newcomer again")
    queue.release()
    waiter.join()
    assert order == ["newcomer", "waiter", "newcomer again"]


def test_the_writer_queue_is_reentrant_and_its_wait_is_bounded():
    queue = WriterQueue(timeout_s=0.05)
    queue.acquire()
    queue.acquire()  # the same thread again
    failed: list[BaseException] = []

    def other() -> None:
        try:
            queue.acquire()
        except WriterQueueTimeout as error:
            failed.append(error)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert len(failed) == 1 and queue.waiting == 0
    queue.release()
    queue.release()
    queue.acquire()  # free again
    queue.release()


def test_fast_path_rows_store_times_as_the_orm_does(engine, db):
    user = make_user(db)
    when = utcnow().replace(microsecond=123456)
    posted = standalone.earn(
        user_id=user.id, stars=5, reason="r", ref_id="s", idem_key="k:time", created_at=when
    )
    entry = db.get(LedgerEntry, posted.entry_id)
    assert entry is not None and entry.created_at == when
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT created_at FROM castars_ledger WHERE id = :id"), {"id": posted.entry_id}
        ).scalar()
        by_orm = conn.execute(text("SELECT created_at FROM users WHERE id = :id"), {"id": user.id})
        assert type(stored) is type(by_orm.scalar())
        if engine.dialect.name == "sqlite":
            assert stored == when.strftime("%Y-%m-%d %H:%M:%S.%f")
