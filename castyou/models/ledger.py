"""The CasTars ledger: an append-only list of entries plus one wallet row per user."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Index, String
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class Source(StrEnum):
    PURCHASED = "PURCHASED"
    EARNED = "EARNED"
    SPENT = "SPENT"
    REFUNDED = "REFUNDED"


class Wallet(SQLModel, table=True):
    """A user's balance and lifetime stars (bought + earned), kept in step with the ledger."""

    __tablename__ = "castars_wallets"
    __table_args__ = (
        CheckConstraint("balance >= 0", name="ck_wallet_balance_non_negative"),
        CheckConstraint("lifetime_stars >= 0", name="ck_wallet_lifetime_non_negative"),
    )

    user_id: int = Field(primary_key=True, foreign_key="users.id")
    balance: int = Field(default=0)
    lifetime_stars: int = Field(default=0)


class LedgerEntry(SQLModel, table=True):
    """One change of a balance; ``balance`` is the running balance after it. Never updated."""

    __tablename__ = "castars_ledger"
    __table_args__ = (
        CheckConstraint("delta <> 0", name="ck_ledger_delta_non_zero"),
        CheckConstraint("balance >= 0", name="ck_ledger_balance_non_negative"),
        Index("ix_castars_ledger_user_id_id", "user_id", "id"),
        # Counts awards one subject caused per day (a producer's hire rewards).
        Index("ix_castars_ledger_ref_id_created_at", "ref_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id")
    delta: int
    reason: str = Field(max_length=200)
    source: Source = Field(sa_column=Column(String(16), nullable=False))
    ref_id: str | None = Field(default=None, max_length=64)
    idem_key: str | None = Field(
        default=None, sa_column=Column(String(160), unique=True, nullable=True)
    )
    balance: int
    created_at: datetime = Field(default_factory=utcnow)


class PurchaseReversal(SQLModel, table=True):
    """One reversed card payment, also when nothing was left to debit.

    A reversal that finds an empty balance writes no ledger entry (entries never have
    a zero delta), so this row is what makes each refund id apply exactly once.
    """

    __tablename__ = "castars_reversals"
    __table_args__ = (
        CheckConstraint("stars > 0", name="ck_reversal_stars_positive"),
        CheckConstraint("debited >= 0 AND debited <= stars", name="ck_reversal_debited_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    idem_key: str = Field(sa_column=Column(String(160), unique=True, nullable=False))
    user_id: int = Field(foreign_key="users.id", index=True)
    stars: int
    debited: int
    entry_id: int | None = Field(default=None, foreign_key="castars_ledger.id")
    created_at: datetime = Field(default_factory=utcnow)
