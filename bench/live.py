"""Pushed live updates: idle backend CPU with N signed-in tabs, and award → balance latency.

``python -m bench.live [--tabs 0,100,300] [--awards 12] [--idle 10]`` starts the backend
(``reflex run --env prod --backend-only``, fresh SQLite, one process; with
``BENCH_DATABASE_URL`` + ``BENCH_REDIS_URL`` PostgreSQL + Redis and
``GRANIAN_WORKERS`` workers), opens N websocket tabs (each its own user) that hydrate
``/castars`` and then stay silent, measures the backend's CPU over ``--idle`` seconds,
then POSTs REST awards and times each until the new balance reaches a watching tab.
The last line is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from bench._reflex_ws import ReflexTab, find_var

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("BENCH_LIVE_PORT", "3420"))
API_KEY = "bench-api-key-0123456789abcdef"
TICKS = os.sysconf("SC_CLK_TCK")
BACKEND_ARGS = (
    "--env",
    "prod",
    "--backend-only",
    "--backend-port",
    str(PORT),
    "--loglevel",
    "warning",
)


def _env(data: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{data / 'live.db'}"),
        "CASTYOU_API_KEYS": API_KEY,
        "CASTYOU_SECRET": "bench-secret-" + "q" * 40,
        "CASTYOU_PUBLIC_URL": f"http://localhost:{PORT}",
        "REFLEX_FRONTEND_PORT": "0",
        "GRANIAN_WORKERS": os.environ.get("GRANIAN_WORKERS", "1"),
        "PATH": f"{ROOT / '.venv/bin'}:{os.environ['PATH']}",
    }
    env.pop("REDIS_URL", None)
    if redis_url := os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = redis_url
    return env


def _group_cpu_seconds(pgid: int) -> float:
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 (pgrp) after state, ppid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def _start(env: dict[str, str], log: Path) -> subprocess.Popen:
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run(
            [sys.executable, "-m", "castyou", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "reflex", "run", *BACKEND_ARGS],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://localhost:{PORT}/api/health", timeout=2):
                return process
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(log.read_text()[-3000:])


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL: with 1,000 sockets a loaded machine may not stop in 30 s."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def _day_of_awards() -> list[tuple[str, str]]:
    """Awards one talent can earn in a UTC day (the earning caps refuse more of a kind)."""
    from castyou.services.castars.earn_rules import EARN_RULES, PROFILE_SECTIONS

    applied = EARN_RULES["application_submitted"].daily_cap or 0
    hired = EARN_RULES["hired"].daily_cap or 0
    return (
        [("profile_section_completed", section) for section in PROFILE_SECTIONS]
        + [("application_submitted", f"bench-{n}") for n in range(applied)]
        + [("hired", f"bench-{n}") for n in range(hired)]
    )


def _users(env: dict[str, str], idle_tabs: int) -> tuple[int, list[str]]:
    """A fresh watching talent's id, then a session token for it and one per idle tab's user."""
    # Session tokens are signed with the app's secret: this process must share it.
    for name in ("DATABASE_URL", "CASTYOU_SECRET"):
        os.environ[name] = env[name]

    from castyou.db import session_scope
    from castyou.models.user import Role, User
    from castyou.services import accounts

    with session_scope() as db:
        talent, *others = [
            User(
                email=f"idle-{uuid.uuid4().hex}@bench.test",
                display_name="Idle tab",
                password_hash="!",  # never logs in with a password
                role=Role.TALENT,
                referral_code=uuid.uuid4().hex[:12].upper(),
            )
            for _ in range(idle_tabs + 1)
        ]
        db.add_all([talent, *others])
        db.flush()
        assert talent.id is not None
        tokens = [accounts.open_session(session=db, user_id=talent.id)]
        tokens += [accounts.open_session(session=db, user_id=user.id or 0) for user in others]
        db.commit()
        return talent.id, tokens


async def _open_tab(token: str) -> ReflexTab:
    from reflex.state import State

    from castyou.services.accounts import SESSION_COOKIE

    tab = ReflexTab(f"http://localhost:{PORT}", cookie=f"{SESSION_COOKIE}={token}")
    await tab.open()
    await tab.send(f"{State.get_full_name()}.hydrate_and_load", {"vars": {}}, "/castars")
    await tab.wait_for(lambda d: find_var(d, "balance_text") is not None, 60)
    return tab


def _award(user_id: int, rule: str, subject: str) -> None:
    body = json.dumps({"user_id": user_id, "rule": rule, "subject_id": subject})
    request = urllib.request.Request(
        f"http://localhost:{PORT}/api/v1/awards",
        body.encode(),
        {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=20) as answer:
        answer.read()


async def _measure(pgid: int, user_id: int, tokens: list[str], args: Any) -> dict[str, Any]:
    watcher = await _open_tab(tokens[0])
    idle: list[ReflexTab] = []
    for start in range(0, len(tokens) - 1, 50):
        batch = tokens[1 + start : 1 + start + 50]
        idle += await asyncio.gather(*(_open_tab(token) for token in batch))
    await asyncio.sleep(3)
    frames_before = sum(tab.event_frames for tab in idle)
    cpu0, wall0 = _group_cpu_seconds(pgid), time.monotonic()
    await asyncio.sleep(args.idle)
    cores = (_group_cpu_seconds(pgid) - cpu0) / (time.monotonic() - wall0)
    idle_frames = sum(tab.event_frames for tab in idle) - frames_before
    latencies = []
    for rule, subject in _day_of_awards()[: args.awards]:
        seen = len(watcher.deltas)
        started = time.monotonic()
        await asyncio.to_thread(_award, user_id, rule, subject)
        arrived = await watcher.wait_for(
            lambda d: find_var(d, "balance_text") is not None, 10, since=seen
        )
        latencies.append((arrived - started) * 1000)
        await asyncio.sleep(0.2)
    for tab in [watcher, *idle]:
        await tab.close()
    latencies.sort()
    return {
        "tabs": len(tokens) - 1,
        "idle_cores": round(cores, 4),
        "idle_event_frames": idle_frames,
        "award_to_tab_p50_ms": round(statistics.median(latencies), 1),
        "award_to_tab_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
    }


def run(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabs", default="0,100,300")
    parser.add_argument("--awards", type=int, default=12)  # at most one talent's day
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args(argv or [])
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp))
        process = _start(env, Path(tmp) / "app.log")
        try:
            for count in [int(n) for n in args.tabs.split(",")]:
                user_id, tokens = _users(env, count)
                figures = asyncio.run(_measure(process.pid, user_id, tokens, args))
                print(figures, flush=True)
                results.append(figures)
        finally:
            _stop(process)
    mode = "postgres+redis" if env.get("REDIS_URL") else "sqlite"
    return {"mode": mode, "workers": int(env["GRANIAN_WORKERS"]), "runs": results}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1:]), separators=(",", ":")))
