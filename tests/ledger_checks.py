"""Invariant checks over the real ledger tables, shared by ledger tests."""

from __future__ import annotations

from sqlmodel import Session, col, select

from castyou.models.ledger import LedgerEntry, Wallet


def assert_ledger_consistent(db: Session, user_id: int) -> None:
    """Sum of deltas == wallet balance, and each running balance follows from the previous."""
    db.expire_all()
    entries = list(
        db.exec(
            select(LedgerEntry).where(LedgerEntry.user_id == user_id).order_by(col(LedgerEntry.id))
        )
    )
    wallet = db.get(Wallet, user_id)
    running = 0
    for entry in entries:
        running += entry.delta
        assert entry.balance == running, f"entry {entry.id}: {entry.balance} != {running}"
        assert entry.balance >= 0
    assert (wallet.balance if wallet else 0) == running
