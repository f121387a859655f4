"""Admin console records: the audit log of every admin action, and admin star grants."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, String, UniqueConstraint, text
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


class PromotionStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


_PENDING = text("status = 'PENDING'")


class AdminPromotion(SQLModel, table=True):
    """A request to make a user an ADMIN; a second admin (not the requester, not the
    target) approves it before the role changes. Admins made by the CLI have no row:
    they are the root of trust."""

    __tablename__ = "admin_promotions"
    __table_args__ = (
        CheckConstraint("requested_by_id <> user_id", name="ck_admin_promotion_not_self"),
        CheckConstraint(
            "decided_by_id IS NULL OR"
            " (decided_by_id <> requested_by_id AND decided_by_id <> user_id)",
            name="ck_admin_promotion_second_admin",
        ),
        Index(
            "uq_admin_promotions_pending_user",
            "user_id",
            unique=True,
            sqlite_where=_PENDING,
            postgresql_where=_PENDING,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    requested_by_id: int = Field(foreign_key="users.id")
    status: PromotionStatus = Field(sa_column=Column(String(16), nullable=False, index=True))
    decided_by_id: int | None = Field(default=None, foreign_key="users.id")
    decided_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class RefundRequest(SQLModel, table=True):
    """One confirmed refund click of an admin: amount, reason and the refund it asked for.

    Unique per (admin, click key), so a double click asks once; ``refund_id`` joins it
    to the ``castars_purchase_refunds`` row the webhook writes.
    """

    __tablename__ = "admin_refund_requests"
    __table_args__ = (
        CheckConstraint("amount_cents > 0", name="ck_admin_refund_amount_positive"),
        UniqueConstraint("admin_id", "click_key", name="uq_admin_refund_click"),
    )

    id: int | None = Field(default=None, primary_key=True)
    purchase_id: int = Field(foreign_key="castars_purchases.id", index=True)
    admin_id: int = Field(foreign_key="users.id")
    click_key: str = Field(max_length=64)
    amount_cents: int
    reason: str = Field(max_length=200)
    refund_id: str = Field(max_length=255)
    mode: str = Field(max_length=8)
    created_at: datetime = Field(default_factory=utcnow)
