"""Concierge reference files, the e-mail outbox, e-mail preferences and support marks."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class FileRole(StrEnum):
    REFERENCE = "REFERENCE"
    FULFILMENT = "FULFILMENT"


class ConciergeFile(SQLModel, table=True):
    """A file on a request: the requester's references or the team's fulfilment files.

    ``public_id`` is the only id that leaves the server (random, 128 bits); the bytes
    live in storage under ``storage_key`` and are served only to the requester and admins.
    """

    __tablename__ = "concierge_files"
    __table_args__ = (
        CheckConstraint("size_bytes > 0", name="ck_concierge_file_size_positive"),
        Index("ix_concierge_files_request", "request_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(sa_column=Column(String(32), unique=True, nullable=False))
    request_id: int = Field(foreign_key="concierge_requests.id")
    uploader_id: int = Field(foreign_key="users.id")
    role: FileRole = Field(sa_column=Column(String(12), nullable=False))
    filename: str = Field(max_length=120)
    content_type: str = Field(max_length=40)
    size_bytes: int
    storage_key: str = Field(max_length=80)
    thumb_key: str | None = Field(default=None, max_length=80)
    width: int | None = None
    height: int | None = None
    created_at: datetime = Field(default_factory=utcnow)


class EmailStatus(StrEnum):
    PENDING = "PENDING"
    SENDING = "SENDING"
    SENT = "SENT"
    FAILED = "FAILED"


class EmailOutbox(SQLModel, table=True):
    """One e-mail: written in the transaction of the change it reports, sent after commit.

    ``dedupe_key`` makes the same notice one row; the PENDING → SENDING claim is one
    conditional UPDATE, so two senders never both send it.
    """

    __tablename__ = "email_outbox"
    __table_args__ = (
        CheckConstraint(
            "status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')", name="ck_email_status"
        ),
        Index("ix_email_outbox_status_next", "status", "next_attempt_at", "id"),
        Index("ix_email_outbox_user", "user_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(sa_column=Column(String(160), unique=True, nullable=False))
    user_id: int | None = Field(default=None, foreign_key="users.id")
    to_address: str = Field(max_length=254)
    language: str = Field(max_length=5)
    kind: str = Field(max_length=40)
    subject: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    status: EmailStatus = Field(
        default=EmailStatus.PENDING, sa_column=Column(String(12), nullable=False)
    )
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    last_error: str | None = Field(default=None, max_length=500)
    log_request_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


class EmailPrefs(SQLModel, table=True):
    """Per-account e-mail opt-in (no row: nothing is sent)."""

    __tablename__ = "email_prefs"

    user_id: int = Field(foreign_key="users.id", primary_key=True)
    concierge_updates: bool = False
    purchase_receipts: bool = False
    updated_at: datetime = Field(default_factory=utcnow)


class SupportMark(SQLModel, table=True):
    """A support-view item an admin marked done (kind + id of what it points at)."""

    __tablename__ = "support_marks"
    __table_args__ = (UniqueConstraint("kind", "ref_id", name="uq_support_mark_item"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    ref_id: int
    admin_id: int = Field(foreign_key="users.id")
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(default_factory=utcnow)
