"""A lock for the SQLite writers of one process: arrival order, bounded waits.

SQLite has one writer at a time. Left to itself, a thread that finds the write lock
taken sleeps in SQLite's busy handler with a growing back-off and retries, so a
waiter can sleep long after the lock is free and arrival order is lost (the
multi-second tail of a burst). Here the writers of one process queue before
``BEGIN IMMEDIATE``: waiters are served in arrival order, and one that has waited
``handover_after_s`` gets the lock handed over at the next release, before anyone
else can take it. ``busy_timeout`` stays as the guard against other processes.

Until a waiter has waited that long, a free lock goes to whoever asks first (the
writer that just released it, typically): handing the lock to another thread at
every release costs two thread switches, as much CPU as the write itself on a
small machine, so the queue trades a bounded (~2 ms) overtaking for throughput,
as Go's ``sync.Mutex`` and Linux's mutexes do.

The lock is re-entrant per thread, so a write transaction that opens a second one
on another session in the same thread behaves as before (SQLite decides).
"""

from __future__ import annotations

import threading
import time
from collections import deque

HANDOVER_AFTER_S = 0.002


class WriterQueueTimeout(TimeoutError):
    """The write lock was not had within the wait limit."""


class _Waiter:
    __slots__ = ("baton", "handed", "since")

    def __init__(self) -> None:
        self.baton = threading.Lock()
        self.baton.acquire()
        self.since = time.monotonic()
        self.handed = False


class WriterQueue:
    """A per-thread re-entrant lock whose waiters are served in arrival order."""

    def __init__(self, timeout_s: float, handover_after_s: float = HANDOVER_AFTER_S) -> None:
        self._timeout_s = timeout_s
        self._handover_after_s = handover_after_s
        self._mutex = threading.Lock()
        self._waiters: deque[_Waiter] = deque()
        self._owner: int | None = None
        self._depth = 0

    def acquire(self) -> None:
        me = threading.get_ident()
        with self._mutex:
            if self._owner == me:
                self._depth += 1
                return
            if self._owner is None and not self._overdue():
                self._owner, self._depth = me, 1
                return
            waiter = _Waiter()
            self._waiters.append(waiter)
        # First until the waiter is overdue (the lock may be left free for it), then
        # until it is handed over (an overdue head gets it at the next release).
        if not waiter.baton.acquire(timeout=self._handover_after_s) and not self._take(waiter):
            waiter.baton.acquire(timeout=max(0.0, self._timeout_s - self._handover_after_s))
            self._take(waiter, last=True)
        with self._mutex:
            self._owner, self._depth = me, 1

    def try_acquire(self) -> bool:
        """Take the lock only if that needs no wait; True when taken."""
        me = threading.get_ident()
        with self._mutex:
            if self._owner == me:
                self._depth += 1
                return True
            if self._owner is None and not self._waiters:
                self._owner, self._depth = me, 1
                return True
            return False

    def _take(self, waiter: _Waiter, *, last: bool = False) -> bool:
        """After a wait ran out: the lock is the waiter's if it was handed over, or is
        free and the waiter is first in line. Raises after the ``last`` wait."""
        with self._mutex:
            if waiter.handed:
                return True
            if self._owner is None and self._waiters[0] is waiter:
                self._waiters.popleft()
                self._owner = -1
                return True
            if last:
                self._waiters.remove(waiter)
                raise WriterQueueTimeout("the database write queue did not move")
            return False

    def _overdue(self) -> bool:
        return bool(self._waiters) and (
            time.monotonic() - self._waiters[0].since >= self._handover_after_s
        )

    def release(self) -> None:
        with self._mutex:
            if self._owner != threading.get_ident():
                raise RuntimeError("the writer queue is held by another thread")
            self._depth -= 1
            if self._depth:
                return
            self._owner = None
            if self._overdue():
                # Hand over: the waiter owns the lock before anyone else can take it.
                waiter = self._waiters.popleft()
                waiter.handed = True
                self._owner = -1
                waiter.baton.release()

    def held_here(self) -> bool:
        """Whether the calling thread holds the lock."""
        return self._owner == threading.get_ident()

    @property
    def waiting(self) -> int:
        return len(self._waiters)
