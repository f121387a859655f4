"""A first-come, first-served lock for the SQLite writers of one process.

SQLite has one writer at a time. Left to itself, a thread that finds the write lock
taken sleeps in SQLite's busy handler with a growing back-off and retries, so a
waiter can sleep long after the lock is free and arrival order is lost (the
multi-second tail of a burst). Here the writers of one process queue in arrival
order before ``BEGIN IMMEDIATE`` and the lock is handed to the next waiter as soon
as it is released. ``busy_timeout`` stays as the guard against other processes.

The lock is re-entrant per thread, so a write transaction that opens a second one
on another session in the same thread behaves as before (SQLite decides).
"""

from __future__ import annotations

import threading
from collections import deque


class WriterQueueTimeout(TimeoutError):
    """The write lock was not handed over within the wait limit."""


class WriterQueue:
    """A FIFO, per-thread re-entrant lock with a bounded wait."""

    def __init__(self, timeout_s: float) -> None:
        self._timeout_s = timeout_s
        self._mutex = threading.Lock()
        self._waiters: deque[threading.Lock] = deque()
        self._owner: int | None = None
        self._depth = 0

    def acquire(self) -> None:
        me = threading.get_ident()
        with self._mutex:
            if self._owner == me:
                self._depth += 1
                return
            if self._owner is None and not self._waiters:
                self._owner, self._depth = me, 1
                return
            baton = threading.Lock()
            baton.acquire()
            self._waiters.append(baton)
        if not baton.acquire(timeout=self._timeout_s):
            with self._mutex:
                if baton in self._waiters:
                    self._waiters.remove(baton)
                    raise WriterQueueTimeout("the database write queue did not move")
            # Handed over just as the wait ran out: the lock is ours after all.
        with self._mutex:
            self._owner, self._depth = me, 1

    def release(self) -> None:
        with self._mutex:
            if self._owner != threading.get_ident():
                raise RuntimeError("the writer queue is held by another thread")
            self._depth -= 1
            if self._depth:
                return
            self._owner = None
            if self._waiters:
                # Hand over: the next waiter owns the lock before anyone else can take it.
                self._owner = -1
                self._waiters.popleft().release()

    @property
    def waiting(self) -> int:
        return len(self._waiters)
