"""SIGTERM lets in-flight requests finish (the product command: granian under Reflex)."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time

import pytest

from tests.chaos.harness import burst, check_exactly_once, make_calls

pytestmark = pytest.mark.chaos


def test_sigterm_lets_in_flight_requests_finish(sqlite_setup) -> None:
    setup = sqlite_setup
    app = setup.app
    app.start()
    assert app.process is not None
    path = setup.database_url.removeprefix("sqlite:///")
    calls = make_calls("term", setup.user_ids, 0, 8)
    lock = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    lock.execute("BEGIN IMMEDIATE")  # every award now waits for the write lock

    def sigterm_then_release() -> None:
        time.sleep(0.7)
        os.killpg(app.process.pid, signal.SIGTERM)  # type: ignore[union-attr]
        time.sleep(1.0)
        lock.execute("ROLLBACK")

    stopper = threading.Thread(target=sigterm_then_release)
    stopper.start()
    try:
        results = burst(app.url, setup.env, calls, concurrency=8)
    finally:
        stopper.join()
        lock.close()
    assert results.ok() == {call.key for call in calls}, results.status
    assert app.process.wait(timeout=20) == 0
    check_exactly_once(setup.database_url, setup.env, calls)
