"""Webhook throughput: signed ``payment_intent.succeeded`` deliveries against the running app.

Each event pays a Starter bundle for an intent "made elsewhere", so every delivery runs
the whole path: verify the signature, store the delivery, create the purchase, credit
the ledger, notify. By default the script starts ``reflex run --env prod --backend-only``
on a free port with a fresh, migrated, seeded SQLite database (``BENCH_DATABASE_URL``
picks a PostgreSQL scratch database instead: its schema is dropped and rebuilt; with
``REDIS_URL`` set Reflex runs several backend workers) and checks afterwards that
exactly every event was credited once. The client speaks HTTP/1.1 over asyncio streams
and reports its own CPU share (it runs on the same cores as the app).

``BENCH_URL`` targets an app that is already running instead; then ``BENCH_WEBHOOK_SECRET``
(default: this environment's webhook secret) and ``BENCH_USER_IDS`` (comma-separated existing
user ids, default 1) must match it; nothing is checked in its database.

Usage: ``python -m bench.webhook`` (``BENCH_EVENTS``, ``BENCH_CONCURRENCY``, ``BENCH_WARMUP``,
``BENCH_USERS``:
how many buyers the events are spread over; 1 = every event contends for one wallet;
``BENCH_PORT``: the app's port, default a free one).
The last line printed is one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from castyou.services.payments import simulator
from castyou.services.payments.bundles import BUNDLES
from castyou.services.payments.simulator import LocalCheckout, TestCard

ROOT = Path(__file__).resolve().parent.parent
EVENTS = int(os.environ.get("BENCH_EVENTS", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "32"))
USERS = int(os.environ.get("BENCH_USERS", "32"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "320"))
STARTER = BUNDLES[0]
START_TIMEOUT_S = 180


@dataclass(frozen=True)
class Target:
    url: str
    secret: str
    user_ids: list[int]
    database_url: str | None
    server_pid: int | None = None


def _group_cpu_s(pid: int | None) -> float | None:
    """CPU seconds used so far by every process in ``pid``'s session (the app and workers)."""
    if pid is None or not Path("/proc").exists():
        return None
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == pid:  # the session id (field 6 of stat, after the name)
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"app did not start in {START_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")


def _run(args: list[str], env: dict[str, str]) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True)


def _bench_users(database_url: str) -> list[int]:
    """``USERS`` buyers: the demo talent plus rows inserted directly (they never log in)."""
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        for n in range(1, USERS):
            conn.execute(
                text(
                    "INSERT INTO users (email, display_name, password_hash, role, language,"
                    " referral_code, badge_early_adopter, created_at) VALUES (:email, :name,"
                    " 'x', 'TALENT', 'en', :code, false, CURRENT_TIMESTAMP)"
                ),
                {"email": f"bench{n}@bench.test", "name": f"Bench {n}", "code": f"BENCH{n:03d}"},
            )
        ids = conn.execute(text("SELECT id FROM users WHERE role = 'TALENT' ORDER BY id")).scalars()
        user_ids = [int(i) for i in ids][:USERS]
    engine.dispose()
    return user_ids


def _reset_scratch(database_url: str) -> None:
    """An empty schema: ``BENCH_DATABASE_URL`` names a scratch database (its data is dropped)."""
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


@contextmanager
def started_app() -> Iterator[Target]:
    """A fresh app on a free port (backend only: the webhook needs no frontend)."""
    workdir = Path(tempfile.mkdtemp(prefix="castyou-bench-"))
    port = int(os.environ.get("BENCH_PORT") or 0) or _free_port()
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.db'}"
    secret = "whsec_bench_" + secrets.token_hex(16)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CASTYOU_SECRET": secrets.token_urlsafe(48),
        "STRIPE_WEBHOOK_SECRET": secret,
        "CASTYOU_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_FRONTEND_PORT": "0",
    }
    env.pop("STRIPE_SECRET_KEY", None)
    if database_url.startswith("postgresql"):
        _reset_scratch(database_url)
    _run(["-m", "castyou", "migrate"], env)
    _run(["-m", "castyou", "seed-demo"], env)
    log = workdir / "app.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-only",
             "--backend-port", str(port), "--loglevel", "warning"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
        yield Target(url, secret, _bench_users(database_url), database_url, process.pid)
    finally:
        _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def _event(user_ids: list[int], index: int, run_id: str) -> bytes:
    checkout = LocalCheckout(
        purchase_id=0,
        user_id=user_ids[index % len(user_ids)],
        bundle_id=STARTER.id,
        payment_id=f"pi_bench_{run_id}_{index:06d}",
        amount_cents=STARTER.price_cents,
        currency=STARTER.currency,
    )
    now = int(time.time())
    intent = simulator.payment_intent_object(checkout, TestCard(), created=now)
    event = simulator.event_envelope("payment_intent.succeeded", intent, created=now)
    return json.dumps(event).encode()


class _Connection:
    """One keep-alive HTTP/1.1 connection with the least client work per request.

    The client shares the machine's cores with the app, so it spends as little CPU as
    it can (httpx costs several times more per request than the server's work).
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, signature: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nStripe-Signature: {signature}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        lines = (await self.reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        status = int(lines[0].split()[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _deliver_all(target: Target, count: int = EVENTS) -> tuple[list[float], list[str], float]:
    run_id = secrets.token_hex(4)
    bodies = [_event(target.user_ids, index, run_id) for index in range(count)]
    bodies.reverse()
    latencies: list[float] = []
    failures: list[str] = []
    address = urllib.parse.urlsplit(target.url)
    host, port = address.hostname or "127.0.0.1", address.port or 80

    async def worker() -> None:
        connection = _Connection(host, port)
        try:
            while bodies:
                body = bodies.pop()
                header = simulator.sign(body, target.secret, int(time.time()))
                started = time.perf_counter()
                status, answer = await connection.post(simulator.WEBHOOK_PATH, body, header)
                latencies.append(time.perf_counter() - started)
                if status != 200 or b'"outcome":"PROCESSED"' not in answer.replace(b" ", b""):
                    failures.append(f"{status} {answer[:120]!r}")
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return latencies, failures, time.perf_counter() - started


def _credited(target: Target) -> int | None:
    if not target.database_url:
        return None
    engine = create_engine(target.database_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        count = conn.execute(
            text("SELECT count(*) FROM castars_ledger WHERE source = 'PURCHASED'")
        ).scalar_one()
    engine.dispose()
    return int(count) - WARMUP  # the warm-up events are credited too


def _measure(target: Target) -> dict:
    # Untimed: every worker process opens its pools and warms its caches first.
    asyncio.run(_deliver_all(target, WARMUP))
    client_before, server_before = time.process_time(), _group_cpu_s(target.server_pid)
    latencies, failures, wall = asyncio.run(_deliver_all(target))
    client_cpu = time.process_time() - client_before
    server_after = _group_cpu_s(target.server_pid)
    server_cpu = (
        None if server_before is None or server_after is None else server_after - server_before
    )
    cores = os.cpu_count() or 1
    ordered = sorted(latencies)
    credited = _credited(target)
    return {
        "bench": "webhook",
        "events": EVENTS,
        "concurrency": CONCURRENCY,
        "users": len(target.user_ids),
        "database": (target.database_url or "external").split(":", 1)[0],
        "events_per_s": round(EVENTS / wall, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1),
        "failures": len(failures),
        "credited_once_each": None if credited is None else credited == EVENTS,
        "cores": cores,
        "client_cpu_share": round(client_cpu / (wall * cores), 3),
        "server_cpu_share": None if server_cpu is None else round(server_cpu / (wall * cores), 3),
        "server_cpu_ms_per_event": None
        if server_cpu is None
        else round(server_cpu / EVENTS * 1000, 2),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def run() -> dict:
    """Measure (the ``make bench`` runner calls this) and print one summary line."""
    if os.environ.get("BENCH_URL"):
        from castyou.settings import get_settings

        target = Target(
            os.environ["BENCH_URL"],
            os.environ.get("BENCH_WEBHOOK_SECRET") or get_settings().webhook_secret,
            [int(uid) for uid in os.environ.get("BENCH_USER_IDS", "1").split(",")],
            None,
        )
        result = _measure(target)
    else:
        with started_app() as target:
            result = _measure(target)
    print(
        f"webhook: {result['events']} signed payment_intent.succeeded at concurrency "
        f"{result['concurrency']}, {result['users']} buyers ({result['database']}): "
        f"{result['events_per_s']} events/s, "
        f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, failures {result['failures']}, "
        f"credited once each: {result['credited_once_each']}; CPU share of {result['cores']} "
        f"cores: client {result['client_cpu_share']}, server {result['server_cpu_share']} "
        f"({result['server_cpu_ms_per_event']} ms/event); load {result['load_average']}",
        flush=True,
    )
    return result


def main() -> int:
    result = run()
    print(json.dumps(result))
    return 0 if result["failures"] == 0 and result["credited_once_each"] is not False else 1


if __name__ == "__main__":
    sys.exit(main())
