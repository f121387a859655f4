"""Argon2 password hashing on a small bounded worker pool, off the event loop.

One Argon2 hash or verify costs ~100 ms of CPU and 64 MiB. Run inside the event
loop, a burst of sign-ups stalls every other tab of the process; run on an
unbounded pool, it piles up memory and queue time. Here at most ``workers``
hashes run at once (the throttle: never more than the cores) and at most
``queue`` more wait; anything beyond is refused at once with :class:`Busy`
("busy, try again") instead of waiting.

The ``*_now`` functions hash in the calling thread, for the command line and seeds.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from castyou.services.errors import CasTyouError
from castyou.settings import get_settings

T = TypeVar("T")
HASHING_NICENESS = 10  # added to the process's nice value for hashing threads
_hasher = PasswordHasher()
# Verified against when the email is unknown, so both paths cost the same time.
DUMMY_HASH = _hasher.hash("castyou-timing-equaliser")


class Busy(CasTyouError):
    """Every hashing slot and queue place is taken; the caller should try again shortly."""

    code = "auth.busy"


class HashingPool:
    """At most ``workers`` hashes at once and ``queue`` waiting; more is refused."""

    def __init__(self, *, workers: int, queue: int) -> None:
        self.workers = workers
        self.capacity = workers + queue
        self._executor = ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="argon2", initializer=_yield_to_event_loop
        )
        self._lock = threading.Lock()
        self._pending = 0

    @property
    def pending(self) -> int:
        """Hashes running or waiting now."""
        return self._pending

    async def run(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the pool and await it; :class:`Busy` when the pool is full."""
        with self._lock:
            if self._pending >= self.capacity:
                raise Busy()
            self._pending += 1
        try:
            future = self._executor.submit(fn)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(lambda _: self._release())
        return await asyncio.wrap_future(future)

    def _release(self) -> None:
        with self._lock:
            self._pending -= 1


def _yield_to_event_loop() -> None:
    """Run hashing at a lower CPU priority than the event loop's thread.

    On Linux the nice value is per thread (and Argon2's lane threads inherit it), so
    when the cores are busy the scheduler prefers the thread answering other tabs.
    """
    if sys.platform == "linux":
        thread = threading.get_native_id()
        with contextlib.suppress(OSError):
            niceness = os.getpriority(os.PRIO_PROCESS, thread) + HASHING_NICENESS
            os.setpriority(os.PRIO_PROCESS, thread, min(niceness, 19))


def default_workers() -> int:
    """One hashing thread per spare core (at least one, at most two)."""
    return max(1, min(2, (os.cpu_count() or 1) - 1))


@lru_cache
def get_pool() -> HashingPool:
    settings = get_settings()
    return HashingPool(
        workers=settings.password_workers or default_workers(), queue=settings.password_queue
    )


def hash_now(password: str) -> str:
    """Hash in this thread (command line, seeds, tests)."""
    return _hasher.hash(password)


def verify_now(password_hash: str | None, password: str) -> bool:
    """Check ``password`` in this thread; an unknown account (None) costs the same time."""
    try:
        _hasher.verify(password_hash or DUMMY_HASH, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return password_hash is not None


async def hash_password(password: str) -> str:
    """Hash on the pool without blocking the event loop (:class:`Busy` when full)."""
    return await get_pool().run(lambda: hash_now(password))


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Verify on the pool without blocking the event loop (:class:`Busy` when full)."""
    return await get_pool().run(lambda: verify_now(password_hash, password))
