"""Time in one place: timezone-aware UTC datetimes everywhere."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time in UTC (SQLModel stores aware datetimes as UTC)."""
    return datetime.now(UTC)
