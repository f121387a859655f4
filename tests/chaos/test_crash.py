"""kill -9 of the whole app mid-burst, restart, re-send: every star exactly once.

SQLite and PostgreSQL with one worker, and with ``REDIS_URL`` several workers sharing
state. Each run: 200 signed webhooks + 200 REST awards at concurrency 16, SIGKILL of
the process group once 40 % have answered, restart on the same database, re-send all
that got no 2xx plus every fifth that did; then each event credited once, each award
paid once, the ledger audit clean, and no answer was a 500.
"""

from __future__ import annotations

import secrets
import time

import pytest

from tests.chaos.conftest import make_setup, postgres_url, redis_url, sqlite_url
from tests.chaos.harness import burst, check_exactly_once, make_calls, resend_until_done

pytestmark = pytest.mark.chaos
WEBHOOKS = AWARDS = 200


def _crash_and_recover(setup) -> None:  # type: ignore[no-untyped-def]
    app = setup.app
    app.start()
    calls = make_calls(secrets.token_hex(3), setup.user_ids, WEBHOOKS, AWARDS)
    first = burst(app.url, setup.env, calls, after=(len(calls) * 2 // 5, app.kill))
    answered = first.ok()
    assert 0 < len(answered) < len(calls), "the kill should land mid-burst"
    assert not first.server_errors(), first.server_errors()
    app.start()
    again = [c for c in calls if c.key not in answered] + [
        c for n, c in enumerate(calls) if c.key in answered and n % 5 == 0
    ]
    final = resend_until_done(app.url, setup.env, again)
    assert {c.key for c in again} <= final.ok(), final.status
    assert not final.server_errors(), final.server_errors()
    check_exactly_once(setup.database_url, setup.env, calls)
    started = time.monotonic()
    assert app.stop() == 0
    assert time.monotonic() - started < 15


def test_kill_mid_burst_sqlite(sqlite_setup) -> None:
    _crash_and_recover(sqlite_setup)


@pytest.mark.postgres
def test_kill_mid_burst_postgres(postgres_setup) -> None:
    _crash_and_recover(postgres_setup)


def test_kill_mid_burst_several_workers_with_redis(tmp_path) -> None:
    redis = redis_url()
    database = postgres_url() if _has_postgres() else sqlite_url(tmp_path / "chaos.db")
    setup = make_setup(database, tmp_path, REDIS_URL=redis, GRANIAN_WORKERS="3")
    try:
        _crash_and_recover(setup)
    finally:
        setup.app.kill()


def _has_postgres() -> bool:
    import os

    return bool(os.environ.get("TEST_DATABASE_URL"))
