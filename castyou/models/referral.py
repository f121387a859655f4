"""Anti-farming records: sign-ups per client address and decided referral rewards."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class SignupAttempt(SQLModel, table=True):
    """One account created from a client address, counted to throttle sign-ups.

    A table rather than process memory, so several workers count the same sign-ups.
    """

    __tablename__ = "signup_attempts"

    id: int | None = Field(default=None, primary_key=True)
    client_key: str = Field(max_length=64, index=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class ReferralReward(SQLModel, table=True):
    """The decision on one referral, taken once when the referred account qualifies.

    ``paid`` is false when the referrer had reached the monthly cap; the row then still
    exists so the referral is never paid later. One row per referred user (the primary
    key) makes the decision, and so the payment, happen exactly once.
    """

    __tablename__ = "referral_rewards"

    referred_user_id: int = Field(
        sa_column=Column(Integer, ForeignKey("users.id"), primary_key=True, autoincrement=False)
    )
    referrer_id: int = Field(foreign_key="users.id", index=True)
    paid: bool
    entry_id: int | None = Field(default=None, foreign_key="castars_ledger.id")
    decided_at: datetime = Field(default_factory=utcnow, index=True)
