"""`python -m castyou backup` / `restore`: an online SQLite copy, audited both ways."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from castyou.cli import main
from castyou.db import make_engine, new_session
from castyou.services.castars import ledger
from castyou.settings import get_settings
from tests.factories import fund, make_user


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A file database that ``DATABASE_URL`` names, as the CLI sees it."""
    url = f"sqlite:///{tmp_path / 'live.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()
    get_settings.cache_clear()


def _balance(engine: Engine, user_id: int) -> int:
    with new_session(engine) as db:
        return ledger.get_balance(session=db, user_id=user_id).balance


def test_backup_while_writing_then_restore_brings_the_ledger_back(live, tmp_path, capsys):
    with new_session(live) as db:
        user = make_user(db)
        fund(db, user, 700)
    assert user.id is not None
    stop = threading.Event()

    def keep_writing() -> None:
        with new_session(live) as db:
            while not stop.is_set():
                fund(db, user, 1)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        assert main(["backup", str(tmp_path / "copy.db")]) == 0
    finally:
        stop.set()
        writer.join()
    out = capsys.readouterr().out
    assert "Backed up to" in out and "0 mismatches" in out
    saved = sqlite3.connect(tmp_path / "copy.db").execute(
        "SELECT balance FROM castars_wallets WHERE user_id = ?", (user.id,)
    )
    saved_balance = saved.fetchone()[0]
    assert saved_balance >= 700
    with new_session(live) as db:
        fund(db, user, 5_000)
    live.dispose()
    assert main(["restore", str(tmp_path / "copy.db")]) == 0
    assert "Restored into" in capsys.readouterr().out
    assert _balance(live, user.id) == saved_balance
    assert main(["audit"]) == 0


def test_backup_refuses_an_existing_file_and_postgres(live, tmp_path, monkeypatch, capsys):
    (tmp_path / "taken.db").write_bytes(b"keep me")
    assert main(["backup", str(tmp_path / "taken.db")]) == 1
    assert (tmp_path / "taken.db").read_bytes() == b"keep me"
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:1/x")
    get_settings.cache_clear()
    assert main(["backup", str(tmp_path / "pg.db")]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_restore_refuses_a_backup_whose_audit_fails(live, tmp_path, capsys):
    with new_session(live) as db:
        user = make_user(db)
        fund(db, user, 300)
    assert main(["backup", str(tmp_path / "copy.db")]) == 0
    tampered = sqlite3.connect(tmp_path / "copy.db")
    tampered.execute("UPDATE castars_wallets SET balance = balance + 1000")
    tampered.commit()
    tampered.close()
    assert main(["restore", str(tmp_path / "copy.db")]) == 1
    assert "mismatches" in capsys.readouterr().err
    assert user.id is not None and _balance(live, user.id) == 300
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert main(["restore", str(tmp_path / "junk.db")]) == 1
