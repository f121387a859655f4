"""The app as an operator runs it (``reflex run --env prod --backend-only``) and a burst sender.

:class:`AppProcess` starts the real product command on a free port against a given
database, kills it with SIGKILL (the whole process group) or stops it with SIGTERM.
:func:`burst` sends signed ``payment_intent.succeeded`` webhooks and REST awards at a
fixed concurrency and records every answer; :func:`check_exactly_once` then reads the
database: each event credited once, each award paid once, the ledger audit clean.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from castyou.services.payments import simulator
from castyou.services.payments.bundles import BUNDLES
from castyou.services.payments.simulator import LocalCheckout, TestCard

ROOT = Path(__file__).resolve().parents[2]
API_KEY = "chaos-key-" + "k" * 24
STARTER = BUNDLES[0]
START_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_env(database_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CASTYOU_SECRET": "chaos-secret-" + "s" * 40,
        "STRIPE_WEBHOOK_SECRET": "whsec_chaos_" + "w" * 24,
        "CASTYOU_API_KEYS": API_KEY,
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_FRONTEND_PORT": "0",
        "GRANIAN_WORKERS": "1",
        "PYTHONUNBUFFERED": "1",
        "CHAOS_WORKDIR": str(workdir),
        **extra,
    }
    for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "REDIS_URL"):
        if name not in extra:
            env.pop(name, None)
    return env


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "castyou", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@dataclass
class AppProcess:
    env: dict[str, str]
    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.starts += 1
        log = (self.workdir / f"app-{self.starts}.log").open("wb")
        command = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-only"]
        command += ["--backend-port", str(self.port), "--loglevel", "warning"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self._wait_until_up()

    def log_tail(self) -> str:
        return (self.workdir / f"app-{self.starts}.log").read_text(errors="replace")[-3000:]

    def _wait_until_up(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"app exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/ready", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"app did not start in {START_TIMEOUT_S}s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL the whole process group: no cleanup runs anywhere."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, timeout: float = 30) -> int | None:
        """SIGTERM and wait; SIGKILL after ``timeout``. Returns the exit code."""
        if not self.process or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            return self.process.wait(timeout=10)


@dataclass(frozen=True)
class Call:
    """One request of a burst, re-sendable as it is (same event id, same subject)."""

    key: str
    path: str
    body: bytes
    webhook: bool


_AWARD_SLOTS = itertools.count()
"""Each award goes to the next talent: ``hired`` pays one per talent per UTC day, so a
database's awards (a burst and the bursts after it) need as many talents as awards."""


def make_calls(run: str, user_ids: list[int], webhooks: int, awards: int) -> list[Call]:
    calls: list[Call] = []
    now = int(time.time())
    for i in range(max(webhooks, awards)):
        user_id = user_ids[i % len(user_ids)]
        if i < webhooks:
            checkout = LocalCheckout(
                purchase_id=0, user_id=user_id, bundle_id=STARTER.id,
                payment_id=f"pi_chaos_{run}_{i:05d}", amount_cents=STARTER.price_cents,
                currency=STARTER.currency,
            )  # fmt: skip
            intent = simulator.payment_intent_object(checkout, TestCard(), created=now)
            event = simulator.event_envelope("payment_intent.succeeded", intent, created=now)
            body = json.dumps(event).encode()
            calls.append(Call(f"{run}-w{i}", simulator.WEBHOOK_PATH, body, True))
        if i < awards:
            talent = user_ids[next(_AWARD_SLOTS) % len(user_ids)]
            award = {"user_id": talent, "rule": "hired", "subject_id": f"chaos-{run}-{i}"}
            calls.append(Call(f"{run}-a{i}", "/api/v1/awards", json.dumps(award).encode(), False))
    return calls


def _headers(call: Call, env: dict[str, str]) -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if call.webhook:
        secret = env["STRIPE_WEBHOOK_SECRET"]
        headers["Stripe-Signature"] = simulator.sign(call.body, secret, int(time.time()))
    else:
        headers["Authorization"] = f"Bearer {API_KEY}"
    return headers


@dataclass
class Results:
    status: dict[str, int | str] = field(default_factory=dict)

    def ok(self) -> set[str]:
        return {k for k, v in self.status.items() if isinstance(v, int) and 200 <= v < 300}

    def count(self, status: int | str) -> int:
        return sum(1 for v in self.status.values() if v == status)

    def server_errors(self) -> dict[str, int | str]:
        """Answers 5xx other than 503 (which says: retry shortly)."""
        return {
            k: v for k, v in self.status.items() if isinstance(v, int) and v >= 500 and v != 503
        }


def burst(
    url: str,
    env: dict[str, str],
    calls: list[Call],
    *,
    concurrency: int = 16,
    after: tuple[int, Callable[[], None]] | None = None,
    timeout: float = 20,
) -> Results:
    """Send ``calls``; ``after=(n, action)`` runs ``action`` (in a thread) once n have answered."""
    return asyncio.run(_burst(url, env, calls, concurrency, after, timeout))


async def _burst(url, env, calls, concurrency, after, timeout) -> Results:  # type: ignore[no-untyped-def]
    results = Results()
    queue: asyncio.Queue[Call] = asyncio.Queue()
    for call in calls:
        queue.put_nowait(call)
    fired = asyncio.Event()
    action_task: list[asyncio.Future[None]] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            call = queue.get_nowait()
            try:
                response = await client.post(url + call.path, content=call.body,
                                             headers=_headers(call, env))  # fmt: skip
                results.status[call.key] = response.status_code
            except httpx.HTTPError as error:
                results.status[call.key] = type(error).__name__
            if after and not fired.is_set() and len(results.status) >= after[0]:
                fired.set()
                action_task.append(asyncio.get_running_loop().run_in_executor(None, after[1]))

    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    for task in action_task:
        await task
    return results


def resend_until_done(
    url: str, env: dict[str, str], calls: list[Call], *, rounds: int = 8
) -> Results:
    """Re-send until every call has a 2xx (a 503 says: try again shortly)."""
    final = Results()
    pending = calls
    for _ in range(rounds):
        answered = burst(url, env, pending)
        final.status.update(answered.status)
        pending = [call for call in pending if call.key not in answered.ok()]
        if not pending:
            break
        time.sleep(1)
    return final


def engine_for(database_url: str):  # type: ignore[no-untyped-def]
    return create_engine(database_url, connect_args={}, pool_pre_ping=True)


def add_users(database_url: str, count: int) -> list[int]:
    """``count`` talents inserted directly (they never log in)."""
    engine = engine_for(database_url)
    with engine.begin() as conn:
        for n in range(count):
            conn.execute(
                text(
                    "INSERT INTO users (email, display_name, password_hash, role, language,"
                    " referral_code, badge_early_adopter, created_at) VALUES (:email, :name,"
                    " 'x', 'TALENT', 'en', :code, false, CURRENT_TIMESTAMP)"
                ),
                {"email": f"chaos{n}@chaos.test", "name": f"Chaos {n}", "code": f"CHAOS{n:03d}"},
            )
        ids = conn.execute(text("SELECT id FROM users WHERE email LIKE 'chaos%' ORDER BY id"))
        user_ids = [int(i) for i in ids.scalars()]
    engine.dispose()
    return user_ids


_PURCHASES = (
    "SELECT count(*), count(DISTINCT stripe_payment_id) FROM castars_purchases"
    " WHERE stripe_payment_id LIKE 'pi_chaos_%'"
)
_CREDITS = (
    "SELECT count(*), count(DISTINCT idem_key) FROM castars_ledger WHERE source = 'PURCHASED'"
)
_AWARDS = (
    "SELECT count(*), count(DISTINCT idem_key) FROM castars_ledger WHERE idem_key LIKE :pattern"
)


def check_exactly_once(database_url: str, env: dict[str, str], calls: list[Call]) -> None:
    """Each event sent credited once, each award paid once, nothing else, the audit clean.

    ``calls``: everything ever sent to this (fresh) database.
    """
    events = {call.key for call in calls if call.webhook}
    awards = {call.key for call in calls if not call.webhook}
    engine = engine_for(database_url)
    with engine.connect() as conn:
        purchases = conn.execute(text(_PURCHASES)).one()
        credits = conn.execute(text(_CREDITS)).one()
        paid = conn.execute(text(_AWARDS), {"pattern": "earn:hired:%:chaos-%"}).one()
    engine.dispose()
    assert tuple(purchases) == (len(events), len(events)), f"purchases {purchases}"
    assert tuple(credits) == (len(events), len(events)), f"credits {credits}"
    assert tuple(paid) == (len(awards), len(awards)), f"awards {paid}"
    audit = cli(env, "audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr
