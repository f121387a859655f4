"""Casting surfaces: talent and company profiles, jobs, applications, conversations."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class ApplicationStatus(StrEnum):
    PENDING = "PENDING"
    HIRED = "HIRED"
    NOT_SELECTED = "NOT_SELECTED"


class JobStatus(StrEnum):
    OPEN = "OPEN"
    FILLED = "FILLED"


class TalentProfile(SQLModel, table=True):
    """A talent's public profile; list fields are stored as ``,a,b,`` for LIKE filters."""

    __tablename__ = "talent_profiles"
    __table_args__ = (Index("ix_talent_profiles_listed_updated", "listed", "updated_at"),)

    user_id: int = Field(foreign_key="users.id", primary_key=True)
    headline: str = Field(default="", max_length=120)
    location: str = Field(default="", max_length=80, index=True)
    birth_year: int | None = Field(default=None, index=True)
    available_from: date | None = Field(default=None)
    photo_url: str = Field(default="", max_length=500)
    bio: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    skills: str = Field(default="", max_length=600)
    languages: str = Field(default="", max_length=300)
    experience: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    reel_links: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    has_reel: bool = Field(default=False)
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    listed: bool = Field(default=False)
    updated_at: datetime = Field(default_factory=utcnow)

    def has_basics(self) -> bool:
        """The basics section is complete (it earns stars and qualifies a referral)."""
        return bool(self.headline and self.location and self.birth_year)


class CompanyProfile(SQLModel, table=True):
    """A producer's company profile."""

    __tablename__ = "company_profiles"

    user_id: int = Field(foreign_key="users.id", primary_key=True)
    company_name: str = Field(default="", max_length=120)
    website: str = Field(default="", max_length=300)
    about: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    updated_at: datetime = Field(default_factory=utcnow)


class Job(SQLModel, table=True):
    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_created", "status", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    producer_id: int = Field(foreign_key="users.id", index=True)
    title: str = Field(max_length=120)
    description: str = Field(sa_column=Column(Text, nullable=False))
    location: str = Field(max_length=80)
    shoot_date: date
    status: JobStatus = Field(default=JobStatus.OPEN, sa_column=Column(String(16), nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Application(SQLModel, table=True):
    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("job_id", "talent_id", name="uq_applications_job_talent"),)

    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(foreign_key="jobs.id", index=True)
    talent_id: int = Field(foreign_key="users.id", index=True)
    note: str = Field(max_length=500)
    status: ApplicationStatus = Field(
        default=ApplicationStatus.PENDING, sa_column=Column(String(16), nullable=False)
    )
    created_at: datetime = Field(default_factory=utcnow)


class Conversation(SQLModel, table=True):
    """Two users talking; ``context`` is ``job:<id>`` (free) or ``direct`` (paid once)."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("user_low", "user_high", "context", name="uq_conversations_pair_context"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_low: int = Field(foreign_key="users.id", index=True)
    user_high: int = Field(foreign_key="users.id", index=True)
    context: str = Field(max_length=32)
    job_id: int | None = Field(default=None, foreign_key="jobs.id")
    last_message_at: datetime = Field(default_factory=utcnow)
    created_at: datetime = Field(default_factory=utcnow)


class Message(SQLModel, table=True):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_created", "conversation_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversations.id")
    sender_id: int = Field(foreign_key="users.id")
    body: str = Field(max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)
