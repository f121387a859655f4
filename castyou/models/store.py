"""Features bought with CasTars (or granted by a bounty) and what they act on."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Index, String
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class FeatureSource(StrEnum):
    SPENT = "SPENT"
    BOUNTY = "BOUNTY"


class ActiveFeature(SQLModel, table=True):
    """One activation of a feature on a target.

    Time-boxed features are active while ``starts_at <= now < ends_at`` and not revoked;
    buying again adds a segment that starts where the current one ends, so the end time
    extends without overlap. One-shot features (``ends_at`` NULL) stay until revoked.
    """

    __tablename__ = "active_features"
    __table_args__ = (
        Index("ix_active_features_lookup", "feature", "target_id", "ends_at"),
        Index("ix_active_features_feature_ends", "feature", "ends_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    feature: str = Field(sa_column=Column(String(32), nullable=False))
    target_type: str = Field(sa_column=Column(String(16), nullable=False))
    target_id: int
    starts_at: datetime = Field(default_factory=utcnow)
    ends_at: datetime | None = Field(default=None)
    revoked_at: datetime | None = Field(default=None)
    source: FeatureSource = Field(sa_column=Column(String(8), nullable=False))
    ledger_entry_id: int | None = Field(default=None, foreign_key="castars_ledger.id")
    grant_id: int | None = Field(default=None, foreign_key="feature_grants.id")
    created_at: datetime = Field(default_factory=utcnow)
