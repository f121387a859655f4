"""SQLite runs in WAL mode and queues concurrent writers instead of failing."""

from __future__ import annotations

import threading

from sqlalchemy import text
from sqlmodel import select

from castyou.db import make_engine, new_session, transaction
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
