"""Admin console records: the audit log of every admin action, and admin star grants."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, String
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class AdminAction(SQLModel, table=True):
    """One thing an admin did: who, when, what, to which row, and its state before/after."""

    __tablename__ = "admin_actions"
    __table_args__ = (Index("ix_admin_actions_target", "target_type", "target_id"),)

    id: int | None = Field(default=None, primary_key=True)
    admin_id: int = Field(foreign_key="users.id", index=True)
    action: str = Field(max_length=60, index=True)
    target_type: str = Field(max_length=40)
    target_id: str = Field(max_length=64)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    note: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class GrantStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class AdminGrant(SQLModel, table=True):
    """Stars an admin grants; above the approval threshold it waits for a second admin.

    The row id is the ledger idempotency key, so a grant credits at most once.
    """

    __tablename__ = "admin_grants"
    __table_args__ = (
        CheckConstraint("amount > 0", name="ck_admin_grant_amount_positive"),
        CheckConstraint(
            "decided_by_id IS NULL OR decided_by_id <> requested_by_id",
            name="ck_admin_grant_second_admin",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    amount: int
    reason: str = Field(max_length=160)
    requested_by_id: int = Field(foreign_key="users.id")
    status: GrantStatus = Field(sa_column=Column(String(16), nullable=False, index=True))
    decided_by_id: int | None = Field(default=None, foreign_key="users.id")
    decided_at: datetime | None = None
    entry_id: int | None = Field(default=None, foreign_key="castars_ledger.id")
    created_at: datetime = Field(default_factory=utcnow)
