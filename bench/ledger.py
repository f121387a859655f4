"""Spend throughput and latency: the ledger service versus the same SQL through the driver.

The floor is the minimal correct spend through the raw driver (``sqlite3``,
``psycopg``): one transaction with the conditional ``UPDATE … RETURNING`` and the
ledger ``INSERT``, prepared once (``bench/_ledger_floor.py``). The service path is
``castars.standalone.spend`` (a spend that is its own transaction, as the
REST API and webhooks post). Both print the statements they send.
8 threads, on one hot wallet and spread over 1,000 wallets, on SQLite and, when
``BENCH_DATABASE_URL`` or ``TEST_DATABASE_URL`` answers, PostgreSQL (a scratch
database: its tables are dropped and recreated). The audit must be clean afterwards.
Last line: one JSON object with every figure.
``BENCH_THREADS`` and ``BENCH_OPS_PER_THREAD`` (defaults 8 and 500) resize the run;
``BENCH_ROUNDS`` (default 3) alternates service and floor runs that many times per
scenario and pools them, so on a shared machine both paths see the same load.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import castyou.models  # noqa: F401  (every table)
from bench._ledger_floor import FLOOR_SQL, floor_postgres, floor_sqlite
from castyou.clock import utcnow
from castyou.db import make_engine, session_scope
from castyou.models.ledger import LedgerEntry, Wallet
from castyou.models.user import User
from castyou.services.castars import standalone
from castyou.services.castars.reconcile import run_audit

THREADS = int(os.environ.get("BENCH_THREADS", "8"))
WALLETS = 1_000
OPS_PER_THREAD = int(os.environ.get("BENCH_OPS_PER_THREAD", "500"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
FUNDS = 10_000_000
WARMUP = 3


@dataclass(frozen=True)
class Figure:
    database: str
    wallets: str
    path: str
    ops: int
    seconds: float
    ops_per_s: float
    p50_ms: float
    p99_ms: float


def _seed(engine: Engine) -> list[int]:
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    now = utcnow()
    users = [
        {
            "id": n,
            "email": f"bench{n}@bench.test",
            "display_name": f"Bench {n}",
            "password_hash": "x",
            "role": "TALENT",
            "language": "en",
            "referral_code": f"B{n:07d}",
            "badge_early_adopter": False,
            "created_at": now,
        }
        for n in range(1, WALLETS + 1)
    ]
    opening = [
        {
            "user_id": n,
            "delta": FUNDS,
            "reason": "bench funding",
            "source": "EARNED",
            "balance": FUNDS,
            "created_at": now,
        }
        for n in range(1, WALLETS + 1)
    ]
    with engine.begin() as conn:
        conn.execute(insert(User), users)
        conn.execute(
            insert(Wallet),
            [
                {"user_id": n, "balance": FUNDS, "lifetime_stars": FUNDS}
                for n in range(1, WALLETS + 1)
            ],
        )
        conn.execute(insert(LedgerEntry), opening)
    return list(range(1, WALLETS + 1))


def _service_spend(engine: Engine) -> Callable[[int], None]:
    def spend(user_id: int) -> None:
        standalone.spend(user_id=user_id, amount=1, reason="bench", engine=engine)

    return spend


def _statements_per_spend(engine: Engine, user_id: int) -> list[str]:
    """What one service spend sends, seen at the driver (the hot statements bypass
    SQLAlchemy's events): sqlite3's trace callback, or psycopg's cursor."""
    seen: list[str] = []
    engine.dispose()  # a fresh pooled connection, traced from its start
    if engine.dialect.name == "sqlite":

        def trace(conn: Any, _record: Any) -> None:
            conn.set_trace_callback(lambda sql: seen.append(" ".join(sql.split())))

        event.listen(engine, "connect", trace)
        try:
            _service_spend(engine)(user_id)
        finally:
            event.remove(engine, "connect", trace)
            engine.dispose()
        return seen
    import psycopg

    real = psycopg.Cursor.execute

    def execute(cursor: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(" ".join(str(query).split()))
        return real(cursor, query, *args, **kwargs)

    psycopg.Cursor.execute = execute  # type: ignore[method-assign]
    try:
        _service_spend(engine)(user_id)
    finally:
        psycopg.Cursor.execute = real  # type: ignore[method-assign]
    return ["BEGIN (implicit, psycopg)", *seen, "COMMIT"]


def _measure(
    make_spend: Callable[[], Callable[[int], None]], users: list[int], hot: bool
) -> tuple[float, list[float]]:
    """Run THREADS workers of OPS_PER_THREAD spends; wall seconds and every latency."""
    barrier = threading.Barrier(THREADS + 1)
    latencies: list[list[float]] = [[] for _ in range(THREADS)]
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        spend = make_spend()
        targets = (
            [users[0]] * OPS_PER_THREAD
            if hot
            else [users[(n * 7919 + i * 104729) % len(users)] for i in range(OPS_PER_THREAD)]
        )
        for user_id in targets[:WARMUP]:
            spend(user_id)
        barrier.wait()
        try:
            for user_id in targets:
                started = time.perf_counter()
                spend(user_id)
                latencies[n].append(time.perf_counter() - started)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - started, [x for per_thread in latencies for x in per_thread]


def _figure(database: str, wallets: str, path: str, seconds: float, lat: list[float]) -> Figure:
    cuts = statistics.quantiles(lat, n=100, method="inclusive")
    return Figure(
        database=database,
        wallets=wallets,
        path=path,
        ops=len(lat),
        seconds=round(seconds, 3),
        ops_per_s=round(len(lat) / seconds, 1),
        p50_ms=round(statistics.median(lat) * 1000, 3),
        p99_ms=round(cuts[98] * 1000, 3),
    )


def _bench_database(
    name: str, engine: Engine, floor: Callable[[], Callable[[int], None]]
) -> list[Figure]:
    users = _seed(engine)
    print(f"{name}: statements per service spend:")
    for statement in _statements_per_spend(engine, users[-1]):
        print(f"  service> {statement}")
    print(f"{name}: statements per floor spend:")
    for statement in ["BEGIN IMMEDIATE" if name == "sqlite" else "BEGIN", *FLOOR_SQL[name]]:
        print(f"  floor>   {statement}")
    print("  floor>   COMMIT")
    figures = []
    paths = (("service", lambda: _service_spend(engine)), ("floor", floor))
    for wallets, hot in (("hot", True), ("spread", False)):
        runs: dict[str, tuple[float, list[float]]] = {path: (0.0, []) for path, _ in paths}
        for _round in range(ROUNDS):
            for path, make in paths:
                seconds, lat = _measure(make, users, hot)
                runs[path] = (runs[path][0] + seconds, runs[path][1] + lat)
        figures += [_figure(name, wallets, path, *runs[path]) for path, _ in paths]
    with session_scope(engine) as session:
        report = run_audit(session=session)
    if not report.clean:
        raise RuntimeError(f"{name}: audit found {report.mismatch_count} mismatches")
    print(f"{name}: audit clean ({report.wallets} wallets, {report.entries} entries)")
    return figures


def _postgres_url() -> str | None:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None
    try:
        engine = make_engine(url, pool_size=THREADS + 2)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:
        print(f"postgresql: skipped ({type(error).__name__})")
        return None
    return url


def _ratios(figures: list[Figure]) -> dict[str, dict[str, float]]:
    by_key = {(f.database, f.wallets, f.path): f for f in figures}
    ratios = {}
    for (database, wallets, path), service in by_key.items():
        if path != "service":
            continue
        floor = by_key[(database, wallets, "floor")]
        ratios[f"{database}/{wallets}"] = {
            "throughput_service_over_floor": round(service.ops_per_s / floor.ops_per_s, 3),
            "p50_service_over_floor": round(service.p50_ms / floor.p50_ms, 3),
            "p99_service_over_floor": round(service.p99_ms / floor.p99_ms, 3),
        }
    return ratios


def _print_table(figures: list[Figure]) -> None:
    header = (
        f"{'database':<11}{'wallets':<8}{'path':<9}{'ops':>6}{'ops/s':>10}"
        f"{'p50 ms':>9}{'p99 ms':>9}"
    )
    print(header)
    print("-" * len(header))
    for f in figures:
        print(
            f"{f.database:<11}{f.wallets:<8}{f.path:<9}{f.ops:>6}{f.ops_per_s:>10.1f}"
            f"{f.p50_ms:>9.3f}{f.p99_ms:>9.3f}"
        )


def run() -> dict[str, Any]:
    """Measure every scenario; print the table; return every figure and the ratios."""
    figures: list[Figure] = []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.db")
        engine = make_engine(f"sqlite:///{path}")
        figures += _bench_database("sqlite", engine, floor_sqlite(path))
        engine.dispose()
    url = _postgres_url()
    if url:
        engine = make_engine(url, pool_size=THREADS + 2)
        figures += _bench_database("postgresql", engine, floor_postgres(url))
        engine.dispose()
    _print_table(figures)
    load = (round(load_before, 2), round(os.getloadavg()[0], 2))
    print(f"load average (1 min) before / after: {load[0]} / {load[1]}")
    result = {
        "threads": THREADS,
        "ops_per_thread": OPS_PER_THREAD,
        "rounds": ROUNDS,
        "load_average_1m": load,
        "wallets_spread": WALLETS,
        "figures": [asdict(f) for f in figures],
        "ratios": _ratios(figures),
    }
    return result


if __name__ == "__main__":
    print(json.dumps(run(), separators=(",", ":")))
