"""A sign-up flood against another user's event latency (password hashing off the loop).

``python -m bench.signup_flood [--signups 48] [--flooders 8] [--interval 0.05]`` starts
the backend (``reflex run --env prod --backend-only``, fresh SQLite, one process),
signs the demo talent in on a watcher tab that switches language every ``--interval``
seconds, and times each switch until its delta arrives: first alone, then while
``--flooders`` anonymous tabs send ``--signups`` sign-up events in total. It prints
the watcher's p50/p95/max with and without the flood, the flood's duration and
outcome, and the load average; the last line is JSON.
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
PORT = int(os.environ.get("BENCH_FLOOD_PORT", "3350"))
BASE = f"http://localhost:{PORT}"
BACKEND_ARGS = ("--backend-port", str(PORT), "--loglevel", "warning")


def _env(data: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{data / 'flood.db'}",
        "CASTYOU_SECRET": "bench-secret-" + "f" * 40,
        "CASTYOU_PUBLIC_URL": BASE,
        # The flood is about CPU, not the per-address sign-up limit.
        "CASTYOU_SIGNUPS_PER_ADDRESS_PER_HOUR": "100000",
        "REFLEX_FRONTEND_PORT": "0",
        "GRANIAN_WORKERS": "1",
        "PATH": f"{ROOT / '.venv/bin'}:{os.environ['PATH']}",
    }
    env.pop("REDIS_URL", None)
    return env


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
        [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-only", *BACKEND_ARGS],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{BASE}/api/health", timeout=2):
                return process
        except OSError:
            time.sleep(0.5)
    _stop(process)
    raise RuntimeError(log.read_text()[-3000:])


def _stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def _talent_token(env: dict[str, str]) -> str:
    """A session for the demo talent (this process shares the app's database and secret)."""
    for name in ("DATABASE_URL", "CASTYOU_SECRET"):
        os.environ[name] = env[name]
    from sqlmodel import select

    from castyou.db import session_scope
    from castyou.models.user import User
    from castyou.services import accounts

    with session_scope() as db:
        talent = db.exec(select(User).where(User.email == "talent@demo.castyou.test")).one()
        return accounts.open_session(session=db, user_id=talent.id or 0)


def _names() -> tuple[str, str, str]:
    from reflex.state import State

    from castyou.state.auth import AuthFormState
    from castyou.state.session import SessionState

    return State.get_full_name(), SessionState.get_full_name(), AuthFormState.get_full_name()


async def _open(path: str, variables: dict[str, str]) -> ReflexTab:
    root, _, _ = _names()
    tab = ReflexTab(BASE)
    await tab.open()
    await tab.send(f"{root}.hydrate_and_load", {"vars": variables}, path)
    await tab.wait_for(lambda delta: True, 60)
    return tab


class Watcher:
    """The signed-in user's tab: each ping switches its language and times the delta."""

    def __init__(self, tab: ReflexTab) -> None:
        self.tab = tab
        self.lang = "en"

    async def ping(self) -> float:
        """Milliseconds from sending ``set_language`` until the delta shows the new one."""
        _, session, _ = _names()
        lang = "pt" if self.lang == "en" else "en"
        seen = len(self.tab.deltas)
        started = time.monotonic()
        await self.tab.send(f"{session}.set_language", {"language": lang}, "/castars")
        arrived = await self.tab.wait_for(lambda d: find_var(d, "ui_lang") == lang, 30, since=seen)
        self.lang = lang
        return (arrived - started) * 1000

    async def pings_until(self, done: asyncio.Event, interval: float) -> list[float]:
        latencies: list[float] = []
        while not done.is_set():
            latencies.append(await self.ping())
            await asyncio.sleep(interval)
        return latencies


def _signup_outcome(delta: dict[str, Any]) -> str | None:
    if find_var(delta, "auth_token"):
        return "signed_up"
    error = find_var(delta, "form_error")
    return "refused" if error else None


async def _flood(tabs: list[ReflexTab], signups: int) -> dict[str, Any]:
    _, _, auth = _names()
    started = time.monotonic()
    for n in range(signups):
        form = {
            "email": f"flood-{uuid.uuid4().hex}@bench.test",
            "password": "flood-password-123",
            "display_name": "Flood",
            "role": "TALENT",
        }
        await tabs[n % len(tabs)].send(f"{auth}.sign_up", {"form": form}, "/signup")
    outcomes: list[str] = []
    while len(outcomes) < signups and time.monotonic() - started < 300:
        outcomes = [o for tab in tabs for _, d in tab.deltas if (o := _signup_outcome(d))]
        await asyncio.sleep(0.05)
    return {
        "flood_s": round(time.monotonic() - started, 2),
        "signed_up": outcomes.count("signed_up"),
        "refused": outcomes.count("refused"),
    }


def _summary(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "events": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
        "max_ms": round(ordered[-1], 1),
    }


async def _measure(token: str, args: argparse.Namespace) -> dict[str, Any]:
    _, session, _ = _names()
    watcher = Watcher(await _open("/castars", {f"{session}.auth_token": token}))
    flooders = [await _open("/signup", {}) for _ in range(args.flooders)]
    await asyncio.sleep(1)
    quiet = asyncio.Event()
    pinging = asyncio.ensure_future(watcher.pings_until(quiet, args.interval))
    await asyncio.sleep(args.baseline)
    quiet.set()
    baseline = await pinging
    flooding = asyncio.Event()
    pinging = asyncio.ensure_future(watcher.pings_until(flooding, args.interval))
    flood = await _flood(flooders, args.signups)
    flooding.set()
    during = await pinging
    for tab in [watcher.tab, *flooders]:
        await tab.close()
    return {"without_flood": _summary(baseline), "with_flood": _summary(during), **flood}


def run(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--signups", type=int, default=48)
    parser.add_argument("--flooders", type=int, default=8)
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--baseline", type=float, default=5.0, help="seconds without flood")
    args = parser.parse_args(argv or [])
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp))
        process = _start(env, Path(tmp) / "app.log")
        try:
            figures = asyncio.run(_measure(_talent_token(env), args))
        finally:
            _stop(process)
    figures["loadavg"] = [round(value, 2) for value in os.getloadavg()]
    figures["cores"] = os.cpu_count()
    print(f"{'watcher latency':<16} {'events':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label in ("without_flood", "with_flood"):
        row = figures[label]
        print(
            f"{label:<16} {row['events']:>6} {row['p50_ms']:>8} {row['p95_ms']:>8}"
            f" {row['max_ms']:>8}"
        )
    print(
        f"flood: {args.signups} sign-ups from {args.flooders} tabs in {figures['flood_s']} s"
        f" ({figures['signed_up']} signed up, {figures['refused']} refused);"
        f" load average {figures['loadavg']} on {figures['cores']} cores",
        flush=True,
    )
    return figures


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1:]), separators=(",", ":")))
