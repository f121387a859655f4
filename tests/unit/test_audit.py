"""The ledger audit: clean books pass; a tampered entry or wallet fails loudly."""

from __future__ import annotations

from sqlalchemy import text

from castyou.cli import main
from castyou.services.castars import ledger
from castyou.services.castars.reconcile import run_audit
from tests.factories import fund, make_user


def _sql(db, statement: str, **params) -> None:
    db.connection().execute(text(statement), params)


def first_id(db) -> int:
    return db.connection().execute(text("SELECT MIN(id) FROM castars_ledger")).scalar_one()


def _books(db):
    alice, bob = make_user(db), make_user(db)
    fund(db, alice, 700)
    spend = ledger.spend_stars(session=db, user_id=alice.id, amount=300, reason="Boost")
    ledger.refund_spend(session=db, spend_entry_id=spend.id, reason="Cancelled")
    ledger.credit_purchase(session=db, user_id=bob.id, stars=500, payment_id="pi_1", reason="B")
    ledger.reverse_purchase(session=db, user_id=bob.id, stars=500, refund_id="re_1", reason="R")
    make_user(db)
    return alice, bob


def test_clean_books_pass(db, capsys):
    _books(db)
    report = run_audit(session=db)
    assert report.clean
    assert (report.wallets, report.entries) == (2, 5)
    assert main(["audit"]) == 0
    assert "2 wallets, 5 entries, 2 users, 0 mismatches" in capsys.readouterr().out


def test_a_tampered_running_balance_is_reported(db, capsys):
    alice, _ = _books(db)
    _sql(db, "UPDATE castars_ledger SET balance = balance + 1 WHERE id = :id", id=first_id(db))
    db.commit()
    report = run_audit(session=db)
    kinds = {(m.user_id, m.kind) for m in report.mismatches}
    assert (alice.id, "chain") in kinds
    assert main(["audit"]) == 1
    out = capsys.readouterr().out
    assert f"user {alice.id} [chain]" in out and "0 mismatches" not in out


def test_a_tampered_wallet_is_reported(db):
    _, bob = _books(db)
    _sql(db, "UPDATE castars_wallets SET balance = 40 WHERE user_id = :u", u=bob.id)
    _sql(db, "UPDATE castars_wallets SET lifetime_stars = 9999 WHERE user_id = :u", u=bob.id)
    db.commit()
    report = run_audit(session=db)
    assert {m.kind for m in report.mismatches} == {"balance", "lifetime"}
    assert report.mismatch_count == 2
