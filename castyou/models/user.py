"""Accounts, server-side login sessions and login attempts."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer, String
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class Role(StrEnum):
    TALENT = "TALENT"
    PRODUCER = "PRODUCER"
    ADMIN = "ADMIN"


LANGUAGES = ("en", "pt", "es")


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(sa_column=Column(String(254), unique=True, nullable=False, index=True))
    display_name: str = Field(max_length=80)
    password_hash: str = Field(max_length=255)
    role: Role = Field(sa_column=Column(String(16), nullable=False, index=True))
    language: str = Field(default="en", max_length=5)
    referral_code: str = Field(sa_column=Column(String(12), unique=True, nullable=False))
    referred_by_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    badge_early_adopter: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)


class AuthSession(SQLModel, table=True):
    """A server-side login session; the browser only holds a random token."""

    __tablename__ = "auth_sessions"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    user_id: int = Field(foreign_key="users.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(index=True)


class LoginAttempt(SQLModel, table=True):
    """One failed login, counted per account and per client to slow brute force."""

    __tablename__ = "login_attempts"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    client_key: str = Field(max_length=64, index=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class SessionClaim(SQLModel, table=True):
    """A one-time, short-lived ticket the browser trades for its session cookie.

    Log in happens over the websocket, which cannot set an ``HttpOnly`` cookie; the
    page posts this claim to ``/api/session`` instead. Only its HMAC is stored.
    """

    __tablename__ = "session_claims"

    id: int | None = Field(default=None, primary_key=True)
    claim_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    auth_session_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("auth_sessions.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    expires_at: datetime = Field(index=True)
