"""Live updates: after a transaction commits, services announce what changed.

A topic names something open tabs show: one user's wallet, notifications,
concierge requests or casting inbox, the concierge team's queue, one request's
thread. ``announce(session, *topics)`` collects topics in the caller's transaction
and publishes them once, after the commit (never after a rollback), on the
:mod:`castyou.services.live_bus`. The app pushes fresh state to the tabs that show
them; nothing polls the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlmodel import Session

from castyou.db import after_commit, tx_data
from castyou.services import live_bus

CONCIERGE_QUEUE = "concierge_queue"
USER_KINDS = ("wallet", "notifications", "requests", "casting")
_origin: ContextVar[str] = ContextVar("live_origin", default="")
_captured: ContextVar[set[str] | None] = ContextVar("live_captured", default=None)


def wallet(user_id: int) -> str:
    """Balance, ledger, Bounties and paid features of ``user_id``."""
    return f"wallet:{user_id}"


def notifications(user_id: int) -> str:
    return f"notifications:{user_id}"


def requests(user_id: int) -> str:
    """The concierge requests ``user_id`` made (status, replies, candidates)."""
    return f"requests:{user_id}"


def casting(user_id: int) -> str:
    """Messages, job applications and search results of ``user_id``."""
    return f"casting:{user_id}"


def request(request_id: int) -> str:
    """One concierge request's thread, as the team sees it."""
    return f"request:{request_id}"


def user_channel(user_id: int) -> str:
    """Everything about ``user_id`` (a role change, or when unsure what changed)."""
    return f"user:{user_id}"


def announce(session: Session, *topics: str) -> None:
    """Publish ``topics`` once the caller's transaction commits."""
    pending: set[str] = tx_data(session, "live_topics", set)
    pending.update(topics)
    origin = _origin.get()
    after_commit(session, "live.announce", lambda: publish(pending, origin=origin))


touch = announce  # the name earlier callers use


def publish(topics: set[str] | list[str], *, origin: str = "") -> None:
    """Publish ``topics`` now (for changes committed outside :func:`announce`)."""
    if not topics:
        return
    if (captured := _captured.get()) is not None:
        captured.update(topics)
    live_bus.publish(live_bus.Message(tuple(sorted(topics)), origin or _origin.get()))


@contextmanager
def acting_tab(token: str) -> Iterator[set[str]]:
    """Changes made inside come from tab ``token``: yields the topics they announce.

    The acting tab refreshes itself with its own response; the message names the tab
    so the push to other tabs skips it.
    """
    captured: set[str] = set()
    origin_reset = _origin.set(token)
    captured_reset = _captured.set(captured)
    try:
        yield captured
    finally:
        _captured.reset(captured_reset)
        _origin.reset(origin_reset)
