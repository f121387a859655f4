"""Database faults while the app serves a burst: 503 meanwhile, recovery without a restart.

- PostgreSQL: every app connection terminated (``pg_terminate_backend``) mid-burst;
  idle app connections stalled (SIGSTOP) so requests answer 503 within seconds.
- SQLite: the database read-only for a few seconds (``chattr +i``); the disk full
  (a small tmpfs). Skipped with the reason where the machine does not allow it.

After each fault a fresh burst succeeds with the same process, everything re-sent is
credited exactly once, the audit is clean, and no answer was a 500.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.chaos.conftest import Setup, make_setup, sqlite_url
from tests.chaos.harness import (
    burst,
    check_exactly_once,
    engine_for,
    make_calls,
    resend_until_done,
)

pytestmark = pytest.mark.chaos
N = 150


def _recovered(setup: Setup, calls, first) -> None:  # type: ignore[no-untyped-def]
    """After the fault: a fresh burst works at once; everything re-sent lands once."""
    assert not first.server_errors(), first.server_errors()
    after = make_calls("after", setup.user_ids, 20, 40)
    fresh = burst(setup.app.url, setup.env, after)
    assert not fresh.server_errors(), fresh.server_errors()
    assert len(fresh.ok()) >= len(after) - 2, fresh.status
    pending = [c for c in calls if c.key not in first.ok()] + [
        c for c in after if c.key not in fresh.ok()
    ]
    final = resend_until_done(setup.app.url, setup.env, pending)
    assert {c.key for c in pending} <= final.ok(), final.status
    check_exactly_once(setup.database_url, setup.env, calls + after)


def _backends(setup: Setup, where: str = "") -> list[int]:
    engine = engine_for(setup.database_url)
    with engine.connect() as conn:
        pids = conn.execute(
            text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                f" AND pid <> pg_backend_pid() {where}"
            )
        ).scalars()
        found = [int(pid) for pid in pids]
    engine.dispose()
    return found


@pytest.mark.postgres
def test_postgres_connections_terminated_mid_burst(postgres_setup: Setup) -> None:
    setup = postgres_setup
    setup.app.start()

    def terminate() -> None:
        engine = engine_for(setup.database_url)
        for _ in range(3):
            with engine.connect() as conn:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
            time.sleep(0.3)
        engine.dispose()

    calls = make_calls("term", setup.user_ids, N, N)
    first = burst(setup.app.url, setup.env, calls, after=(len(calls) // 3, terminate))
    _recovered(setup, calls, first)


def _get(url: str, timeout: float = 15) -> tuple[int, float, str]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
        return status, time.monotonic() - started, error.headers.get("Retry-After", "")
    return status, time.monotonic() - started, ""


@pytest.mark.postgres
def test_postgres_stalled_answers_503_within_seconds(workdir: Path) -> None:
    from tests.chaos.conftest import postgres_url

    setup = make_setup(postgres_url(), workdir, CASTYOU_REQUEST_TIMEOUT="3")
    try:
        setup.app.start()
        warm = make_calls("warm", setup.user_ids, 0, 32)
        assert len(burst(setup.app.url, setup.env, warm).ok()) == 32
        stalled = _backends(setup, "AND state = 'idle'")
        assert stalled
        for pid in stalled:
            os.kill(pid, signal.SIGSTOP)
        try:
            status, took, retry = _get(f"{setup.app.url}/api/health")
            assert status == 200 and took < 1
            status, took, retry = _get(f"{setup.app.url}/api/ready")
            assert status == 503 and took < 3.5 and retry
            stuck = make_calls("stuck", setup.user_ids, 4, 4)
            started = time.monotonic()
            during = burst(setup.app.url, setup.env, stuck, concurrency=8)
            assert time.monotonic() - started < 6
            assert set(during.status.values()) <= {200, 503}, during.status
        finally:
            for pid in stalled:
                os.kill(pid, signal.SIGCONT)
        _recovered(setup, warm + stuck, during)
    finally:
        setup.app.kill()


def _chattr(flag: str, paths: list[str]) -> None:
    subprocess.run(["chattr", flag, *paths], check=True, capture_output=True)


def test_sqlite_read_only_spell_recovers_without_restart(sqlite_setup: Setup) -> None:
    if os.geteuid() != 0 or not shutil.which("chattr"):
        pytest.skip("a read-only spell needs root and chattr")
    setup = sqlite_setup
    directory = Path(setup.database_url.removeprefix("sqlite:///")).parent
    probe = subprocess.run(["chattr", "+i", str(directory)], capture_output=True)
    if probe.returncode:
        pytest.skip(f"chattr is refused on this filesystem: {probe.stderr.decode().strip()}")
    _chattr("-i", [str(directory)])
    setup.app.start()

    def spell() -> None:
        # Not the -shm file: SQLite maps it, and an immutable mapping is SIGBUS.
        files = [str(p) for p in directory.iterdir() if not p.name.endswith("-shm")]
        _chattr("+i", [*files, str(directory)])
        try:
            time.sleep(3)
        finally:
            _chattr("-i", [*files, str(directory)])

    calls = make_calls("ro", setup.user_ids, N, N)
    first = burst(setup.app.url, setup.env, calls, after=(len(calls) // 4, spell))
    assert first.count(503) > 0, "the spell should have refused some writes"
    _recovered(setup, calls, first)


def test_sqlite_disk_full_recovers_without_restart(workdir: Path) -> None:
    mount = workdir / "small"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip(f"a small tmpfs cannot be mounted here: {mounted.stderr.decode().strip()}")
    try:
        setup = make_setup(sqlite_url(mount / "chaos.db"), workdir)
        try:
            _disk_full(setup, mount)
        finally:
            setup.app.kill()
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _fill(path: Path) -> None:
    """Fill the small disk; if the app's writes filled it first, it is already full."""
    try:
        with path.open("wb") as out:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
    except OSError as error:
        if error.errno != errno.ENOSPC:
            raise


def _disk_full(setup: Setup, mount: Path) -> None:
    setup.app.start()
    warm = make_calls("warm", setup.user_ids, 10, 10)
    assert len(burst(setup.app.url, setup.env, warm).ok()) == 20
    filler = mount / "filler"

    def fill_then_free() -> None:
        _fill(filler)
        time.sleep(2)
        filler.unlink()

    calls = make_calls("full", setup.user_ids, N, N)
    first = burst(setup.app.url, setup.env, calls, after=(len(calls) // 4, fill_then_free))
    assert first.count(503) > 0, "the full disk should have refused some writes"
    _recovered(setup, warm + calls, first)
