"""Personal Concierge: paid casting requests, their thread and their audit trail."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class ConciergeType(StrEnum):
    BASIC = "BASIC"
    SPECIALIZED = "SPECIALIZED"
    URGENT = "URGENT"


class ConciergeStatus(StrEnum):
    PENDING = "PENDING"
    IN_PROGRESS = "IN_PROGRESS"
    FULFILLED = "FULFILLED"
    CANCELLED = "CANCELLED"


class ConciergeRequest(SQLModel, table=True):
    """A paid request; ``stars_cost`` and ``sla_due_at`` are snapshots taken at submission."""

    __tablename__ = "concierge_requests"
    __table_args__ = (
        UniqueConstraint("user_id", "idempotency_key", name="uq_concierge_user_idem"),
        CheckConstraint("stars_cost > 0", name="ck_concierge_cost_positive"),
        CheckConstraint(
            "rating IS NULL OR (rating >= 1 AND rating <= 5)", name="ck_concierge_rating_range"
        ),
        Index("ix_concierge_status_sla", "status", "sla_due_at", "id"),
        Index("ix_concierge_status_created", "status", "created_at", "id"),
        Index("ix_concierge_sla", "sla_due_at", "id"),
        Index("ix_concierge_created", "created_at", "id"),
        Index("ix_concierge_assignee_sla", "assignee_id", "sla_due_at"),
        Index("ix_concierge_user_created", "user_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id")
    request_type: ConciergeType = Field(sa_column=Column(String(16), nullable=False))
    description: str = Field(sa_column=Column(Text, nullable=False))
    stars_cost: int
    status: ConciergeStatus = Field(
        default=ConciergeStatus.PENDING, sa_column=Column(String(16), nullable=False)
    )
    idempotency_key: str = Field(max_length=64)
    spend_entry_id: int | None = Field(default=None, foreign_key="castars_ledger.id")
    assignee_id: int | None = Field(default=None, foreign_key="users.id")
    sla_due_at: datetime
    admin_notes: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    result: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    rating: int | None = None
    rating_comment: str | None = Field(default=None, max_length=500)
    rated_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ConciergeMessage(SQLModel, table=True):
    """One message of a request's thread; ``internal`` ones are for the team only."""

    __tablename__ = "concierge_messages"
    __table_args__ = (Index("ix_concierge_messages_request_id", "request_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="concierge_requests.id")
    author_id: int = Field(foreign_key="users.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    internal: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)


class ConciergeEvent(SQLModel, table=True):
    """The audit trail: who did what to a request, when, and from which status to which."""

    __tablename__ = "concierge_events"
    __table_args__ = (Index("ix_concierge_events_request_id", "request_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="concierge_requests.id")
    actor_id: int | None = Field(default=None, foreign_key="users.id")
    kind: str = Field(max_length=20)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    assignee_id: int | None = Field(default=None, foreign_key="users.id")
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(default_factory=utcnow)
