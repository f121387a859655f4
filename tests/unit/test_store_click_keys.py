"""Idempotent store spends: one click key, one charge, also when two requests race."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import select

from castyou.db import new_session
from castyou.models.ledger import LedgerEntry, Source
from castyou.models.store import ActiveFeature
from castyou.services.errors import InsufficientBalance, InvalidInput
from castyou.services.store import activations
from tests.casting_factories import balance, make_talent
from tests.factories import fund
from tests.ledger_checks import assert_ledger_consistent


def _spends(db, user_id: int) -> list[LedgerEntry]:
    return list(
        db.exec(
            select(LedgerEntry).where(
                LedgerEntry.user_id == user_id, LedgerEntry.source == Source.SPENT
            )
        )
    )


def test_the_same_key_twice_charges_once_and_returns_the_first_activation(db):
    talent = make_talent(db)
    fund(db, talent, 550)
    buy = dict(session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id)
    first = activations.spend_on_feature(**buy, idempotency_key="click-0001")
    second = activations.spend_on_feature(**buy, idempotency_key="click-0001")
    assert first.id == second.id
    assert balance(db, talent) == 400
    [spend] = _spends(db, talent.id)
    assert spend.idem_key == f"store:{talent.id}:click-0001" and spend.delta == -200
    activations.spend_on_feature(**buy, idempotency_key="click-0002")
    assert balance(db, talent) == 200
    assert_ledger_consistent(db, talent.id)


def test_a_replay_answers_even_when_the_balance_no_longer_covers_it(db):
    talent = make_talent(db)
    fund(db, talent, 150)
    buy = dict(session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id)
    activations.spend_on_feature(**buy, idempotency_key="click-0001")
    assert activations.spend_on_feature(**buy, idempotency_key="click-0001").ledger_entry_id
    with pytest.raises(InsufficientBalance):
        activations.spend_on_feature(**buy, idempotency_key="click-0002")
    assert balance(db, talent) == 0


@pytest.mark.parametrize("bad", ["", "short", "k" * 65, "no spaces!", "²²²²²²²²", 12345678])
def test_malformed_keys_are_refused_before_any_charge(db, bad):
    talent = make_talent(db)
    fund(db, talent, 550)
    with pytest.raises(InvalidInput):
        activations.spend_on_feature(
            session=db,
            user_id=talent.id,
            feature="PROFILE_BOOST",
            target_id=talent.id,
            idempotency_key=bad,
        )
    assert balance(db, talent) == 600


def test_two_threads_with_one_key_charge_once(engine, db):
    talent = make_talent(db)
    fund(db, talent, 950)
    talent_id = talent.id
    barrier = threading.Barrier(2)
    results: list[int | None] = []

    def click() -> None:
        with new_session(engine) as session:
            barrier.wait()
            row = activations.spend_on_feature(
                session=session,
                user_id=talent_id,
                feature="PROFILE_BOOST",
                target_id=talent_id,
                idempotency_key="double-click-1",
            )
            results.append(row.id)

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and results[0] == results[1]
    db.expire_all()
    assert balance(db, talent) == 800
    assert len(_spends(db, talent_id)) == 1
    assert len(db.exec(select(ActiveFeature)).all()) == 1
    assert_ledger_consistent(db, talent_id)
