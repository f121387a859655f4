"""Password hashing runs on a bounded pool, off the event loop, and refuses when full."""

from __future__ import annotations

import asyncio
import os
import sys
import threading

import pytest

from castyou.services import passwords
from castyou.services.passwords import Busy, HashingPool
from tests.factories import PASSWORD


def test_hash_and_verify_on_the_pool_round_trip():
    async def scenario() -> tuple[str, bool, bool, bool]:
        hashed = await passwords.hash_password(PASSWORD)
        return (
            hashed,
            await passwords.verify_password(hashed, PASSWORD),
            await passwords.verify_password(hashed, "wrong-password"),
            await passwords.verify_password(None, PASSWORD),
        )

    hashed, right, wrong, unknown = asyncio.run(scenario())
    assert hashed.startswith("$argon2") and PASSWORD not in hashed
    assert (right, wrong, unknown) == (True, False, False)
    assert passwords.verify_now(hashed, PASSWORD)
    assert not passwords.verify_now("not-a-hash", PASSWORD)


def test_the_event_loop_keeps_running_while_a_hash_is_computed():
    async def scenario() -> int:
        ticks = 0
        hashing = asyncio.ensure_future(passwords.hash_password(PASSWORD))
        while not hashing.done():
            ticks += 1
            await asyncio.sleep(0.001)
        await hashing
        return ticks

    assert asyncio.run(scenario()) > 1


def test_a_full_pool_refuses_at_once_and_recovers():
    pool = HashingPool(workers=1, queue=1)
    release = threading.Event()

    async def scenario() -> list[object]:
        running = asyncio.ensure_future(pool.run(release.wait))
        queued = asyncio.ensure_future(pool.run(lambda: "queued"))
        await asyncio.sleep(0)
        assert pool.pending == 2
        with pytest.raises(Busy) as refused:
            await pool.run(lambda: "too many")
        assert refused.value.code == "auth.busy"
        release.set()
        done = [await running, await queued]
        assert pool.pending == 0
        done.append(await pool.run(lambda: "after"))
        return done

    assert asyncio.run(scenario()) == [True, "queued", "after"]


def test_a_failing_job_frees_its_place():
    pool = HashingPool(workers=1, queue=0)

    def boom() -> None:
        raise ValueError("boom")

    async def scenario() -> str:
        with pytest.raises(ValueError):
            await pool.run(boom)
        return await pool.run(lambda: "next")

    assert asyncio.run(scenario()) == "next"
    assert pool.pending == 0


def test_the_pool_never_runs_more_hashes_than_its_workers():
    pool = HashingPool(workers=2, queue=10)
    lock = threading.Lock()
    running = peak = 0

    def job() -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        passwords.hash_now(PASSWORD)
        with lock:
            running -= 1

    async def scenario() -> None:
        await asyncio.gather(*(pool.run(job) for _ in range(6)))

    asyncio.run(scenario())
    assert peak == 2
    assert 1 <= passwords.default_workers() <= 2


@pytest.mark.skipif(sys.platform != "linux", reason="per-thread nice values are Linux's")
def test_hashing_threads_run_below_the_event_loops_priority():
    pool = HashingPool(workers=1, queue=0)

    def niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    mine = niceness()
    assert asyncio.run(pool.run(niceness)) == min(mine + passwords.HASHING_NICENESS, 19)
    assert niceness() == mine
