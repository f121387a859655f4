"""SQLite runs in WAL mode and queues concurrent writers instead of failing."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlmodel import select

from castyou.db import after_commit, before_commit, make_engine, new_session, transaction
from castyou.models.user import User
from tests.factories import make_user


def test_sqlite_uses_wal_and_a_busy_timeout(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    engine.dispose()


def test_concurrent_read_modify_write_transactions_queue(engine, db):
    user = make_user(db, name="Counter 0")
    errors: list[Exception] = []

    def bump_name() -> None:
        for _ in range(10):
            with new_session(engine) as session:
                try:
                    with transaction(session):
                        row = session.exec(select(User).where(User.id == user.id)).one()
                        if engine.dialect.name == "postgresql":
                            session.refresh(row, with_for_update=True)
                        count = int(row.display_name.split()[-1])
                        row.display_name = f"Counter {count + 1}"
                        session.add(row)
                except Exception as error:
                    errors.append(error)

    threads = [threading.Thread(target=bump_name) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db.expire_all()
    assert db.get(User, user.id).display_name == "Counter 60"


def test_nested_transactions_commit_or_roll_back_together(db):
    class Boom(Exception):
        pass

    try:
        with transaction(db):
            make_user(db, email="inner@example.test")
            raise Boom
    except Boom:
        pass
    assert db.exec(select(User).where(User.email == "inner@example.test")).first() is None


def test_commit_hooks_run_once_and_never_after_a_rollback(db):
    calls: list[str] = []

    with transaction(db):
        with transaction(db):
            before_commit(db, "k", lambda _s: calls.append("before"))
            before_commit(db, "k", lambda _s: calls.append("again"))
            after_commit(db, "k", lambda: calls.append("after"))
        assert calls == []
    assert calls == ["before", "after"]

    calls.clear()
    try:
        with transaction(db):
            before_commit(db, "k", lambda _s: calls.append("before"))
            after_commit(db, "k", lambda: calls.append("after"))
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    with transaction(db):
        pass
    assert calls == []


def test_hooks_need_an_open_transaction(db):
    with pytest.raises(RuntimeError):
        before_commit(db, "k", lambda _s: None)


def test_a_store_purchase_announces_the_owners_wallet_once_after_commit(db, monkeypatch):
    from castyou.services import live, live_bus
    from castyou.services.store import activations
    from tests.casting_factories import make_talent
    from tests.factories import fund

    talent = make_talent(db)
    fund(db, talent, 500)
    sent: list[live_bus.Message] = []
    monkeypatch.setattr(live_bus, "publish", sent.append)
    with transaction(db):
        activations.spend_on_feature(
            session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id
        )
        assert sent == []
    assert sent == [live_bus.Message((live.wallet(talent.id),))]
