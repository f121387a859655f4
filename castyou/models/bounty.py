"""Bounties: one redemption per 500-star milestone, and the grants they leave to consume."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class BountyRedemption(SQLModel, table=True):
    __tablename__ = "bounty_redemptions"
    __table_args__ = (UniqueConstraint("user_id", "milestone", name="uq_bounty_user_milestone"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    milestone: int
    bounty_type: str = Field(max_length=40)
    redeemed_at: datetime = Field(default_factory=utcnow)


class FeatureGrant(SQLModel, table=True):
    """A free feature won with a Bounty (boost, featured job, filters), consumed once."""

    __tablename__ = "feature_grants"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    kind: str = Field(max_length=40)
    duration_hours: int | None = None
    redemption_id: int | None = Field(default=None, foreign_key="bounty_redemptions.id")
    created_at: datetime = Field(default_factory=utcnow)
    consumed_at: datetime | None = None
