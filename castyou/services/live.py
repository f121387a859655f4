"""Live-update channels: services touch a channel in the same transaction as the change.

Each channel touched by a transaction has its counter bumped once, just before
the transaction commits. Open pages poll the counters of their channels (one
indexed read) and refresh only what changed. Because the counters live in the
database, a change made by any worker, the REST API or a webhook reaches every
open tab.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session, select

from castyou.db import before_commit, tx_data
from castyou.models.live import LiveVersion

CONCIERGE_QUEUE = "concierge:queue"


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


def touch(session: Session, *channels: str) -> None:
    """Mark ``channels`` changed by the caller's transaction (bumped once, at commit)."""
    touched: set[str] = tx_data(session, "live_channels", set)
    touched.update(channels)
    before_commit(session, "live.bump", _bump_touched)


_BUMP = text(
    "INSERT INTO live_versions (channel, version) VALUES (:channel, 1)"
    " ON CONFLICT (channel) DO UPDATE SET version = live_versions.version + 1"
)  # built once: the same SQL on SQLite and PostgreSQL


def _bump_touched(session: Session) -> None:
    touched: set[str] = tx_data(session, "live_channels", set)
    conn = session.connection()
    for channel in sorted(touched):
        conn.execute(_BUMP, {"channel": channel})


def versions(session: Session, channels: list[str]) -> dict[str, int]:
    """Current counters for ``channels`` (missing channels read as 0)."""
    if not channels:
        return {}
    rows = session.exec(select(LiveVersion).where(LiveVersion.channel.in_(channels)))  # type: ignore[attr-defined]
    found = {row.channel: row.version for row in rows}
    return {channel: found.get(channel, 0) for channel in channels}
