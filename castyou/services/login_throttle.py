"""Login throttle: growing delays for guessers that never lock the owner out.

Failures are counted per (account, client address) and per client address across
accounts. Past a few free failures, the next attempt from that address is refused
until a delay has passed since its last failure; the delay doubles with each
further failure, up to a ceiling. Failures from other addresses never delay the
owner's address, and a success from an address clears that address's failures on
that account. Refused attempts check no password and are not counted, so waiting
out the delay always gives the right password a chance.

The numbers live here (README "Log-in throttle" states them).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.user import LoginAttempt
from castyou.services.errors import RateLimited

FREE_FAILURES_PER_ACCOUNT = 3  # from one address on one account before delays start
FREE_FAILURES_PER_ADDRESS = 20  # from one address across all accounts (credential stuffing)
FIRST_DELAY = timedelta(seconds=1)  # doubles with each further failure
MAX_DELAY = timedelta(minutes=5)
FORGET_AFTER = timedelta(hours=1)  # failures older than this no longer count


def delay_after(failures: int, *, free: int) -> timedelta:
    """How long to wait after the last of ``failures`` failures (zero while still free)."""
    if failures < free:
        return timedelta(0)
    doublings = min(failures - free, 32)
    return min(FIRST_DELAY * 2**doublings, MAX_DELAY)


def _failures(
    session: Session, *conditions: object, since: datetime
) -> tuple[int, datetime | None]:
    count, last = session.exec(
        select(func.count(), func.max(LoginAttempt.created_at)).where(
            LoginAttempt.created_at > since,  # type: ignore[arg-type]
            *conditions,  # type: ignore[arg-type]
        )
    ).one()
    return int(count), last


def _wait(failures: int, last: datetime | None, *, free: int, now: datetime) -> float:
    if last is None:
        return 0.0
    if last.tzinfo is None:  # SQLite returns stored UTC without its zone
        last = last.replace(tzinfo=UTC)
    return (last + delay_after(failures, free=free) - now).total_seconds()


def check(*, session: Session, email: str, client_key: str) -> None:
    """Refuse with :class:`RateLimited` (``seconds`` to wait) while a delay is running."""
    now = utcnow()
    since = now - FORGET_AFTER
    pair = _failures(
        session, LoginAttempt.email == email, LoginAttempt.client_key == client_key, since=since
    )
    address = _failures(session, LoginAttempt.client_key == client_key, since=since)
    wait = max(
        _wait(*pair, free=FREE_FAILURES_PER_ACCOUNT, now=now),
        _wait(*address, free=FREE_FAILURES_PER_ADDRESS, now=now),
    )
    if wait > 0:
        raise RateLimited("auth.wait", seconds=max(1, math.ceil(wait)))


def record_failure(*, session: Session, email: str, client_key: str) -> None:
    """Count a wrong password (or unknown account) from ``client_key``; forget old ones."""
    with transaction(session):
        session.execute(
            delete(LoginAttempt).where(col(LoginAttempt.created_at) < utcnow() - FORGET_AFTER)
        )
        session.add(LoginAttempt(email=email, client_key=client_key))


def clear_account(*, session: Session, email: str, client_key: str) -> None:
    """A success from this address: its failures on this account no longer count.

    Its failures on other accounts stay, so logging in to one's own account does not
    reset a credential-stuffing delay. Joins the caller's transaction.
    """
    with transaction(session):
        session.execute(
            delete(LoginAttempt).where(
                col(LoginAttempt.email) == email, col(LoginAttempt.client_key) == client_key
            )
        )
