"""Concurrent purchases: each paid activation extends the chain; nothing overlaps or is free."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlmodel import col, select

from castyou.db import new_session
from castyou.models.store import ActiveFeature
from castyou.models.user import Role
from castyou.services.errors import Conflict, InsufficientBalance
from castyou.services.store import activations
from tests.casting_factories import balance, make_application, make_job, make_talent
from tests.factories import fund, make_user
from tests.ledger_checks import assert_ledger_consistent

THREADS = 12


def _race(engine, count: int, action) -> list[str]:
    barrier = threading.Barrier(count)
    outcomes: list[str] = []

    def run() -> None:
        with new_session(engine) as session:
            barrier.wait()
            try:
                action(session)
                outcomes.append("ok")
            except InsufficientBalance:
                outcomes.append("short")
            except Conflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_boosts_chain_end_to_end_and_charge_each(engine, db):
    talent = make_talent(db)
    fund(db, talent, 3 * 200 - 50)
    talent_id = talent.id
    outcomes = _race(
        engine,
        THREADS,
        lambda s: activations.spend_on_feature(
            session=s, user_id=talent_id, feature="PROFILE_BOOST", target_id=talent_id
        ),
    )
    assert outcomes.count("ok") == 3 and outcomes.count("short") == THREADS - 3
    rows = db.exec(select(ActiveFeature).order_by(col(ActiveFeature.starts_at))).all()
    assert [b.starts_at for b in rows[1:]] == [a.ends_at for a in rows[:-1]]
    assert rows[-1].ends_at - rows[0].starts_at == timedelta(hours=72)
    assert balance(db, talent) == 0
    assert_ledger_consistent(db, talent.id)


def test_concurrent_priority_on_one_application_is_bought_once(engine, db):
    producer, talent = make_user(db, Role.PRODUCER), make_talent(db)
    application = make_application(db, talent, make_job(db, producer))
    fund(db, talent, 1000)
    before = balance(db, talent)
    talent_id, application_id = talent.id, application.id
    outcomes = _race(
        engine,
        THREADS,
        lambda s: activations.spend_on_feature(
            session=s,
            user_id=talent_id,
            feature="APPLICATION_PRIORITY",
            target_id=application_id,
        ),
    )
    assert outcomes.count("ok") == 1 and outcomes.count("conflict") == THREADS - 1
    assert balance(db, talent) == before - 100
