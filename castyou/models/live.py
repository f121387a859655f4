"""Change counters that let open pages refresh live, across app workers."""

from sqlmodel import Field, SQLModel


class LiveVersion(SQLModel, table=True):
    """A counter per channel (``user:42``, ``concierge:queue``), bumped on every change."""

    __tablename__ = "live_versions"

    channel: str = Field(primary_key=True, max_length=64)
    version: int = Field(default=0)
