"""In-app notifications (the bell in the header)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, String
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class Notification(SQLModel, table=True):
    """``kind`` names the message (``notification.<kind>``), ``params`` fills it in."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_id_id", "user_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id")
    kind: str = Field(max_length=60)
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    link: str | None = Field(default=None, max_length=200)
    dedupe_key: str | None = Field(
        default=None, sa_column=Column(String(160), unique=True, nullable=True)
    )
    read_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
