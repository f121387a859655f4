"""Admin concierge queue with 100,000 requests: first-page latency, SQLite and PostgreSQL.

``python -m bench.concierge [--rows N] [--runs N]`` (``make bench`` calls ``run()``).
PostgreSQL is measured when ``BENCH_DATABASE_URL`` or ``TEST_DATABASE_URL`` answers
(a scratch database: its tables are dropped and recreated). Timings go through the
real service (admin check + one query). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import castyou.models  # noqa: F401  (every table)
from castyou.clock import utcnow
from castyou.db import make_engine, new_session
from castyou.models import search_index
from castyou.models.concierge import ConciergeRequest, ConciergeStatus
from castyou.models.user import Role, User
from castyou.services.admin.concierge import admin_list_concierge_requests
from castyou.services.concierge.tiers import CONCIERGE_TIERS

USERS = 2_000
WORDS = [
    "dog",
    "actor",
    "singer",
    "hula",
    "hoop",
    "skateboarder",
    "dancer",
    "model",
    "voice",
    "juggler",
    "clown",
    "surfer",
]
STATUS_WEIGHTS = {
    ConciergeStatus.FULFILLED: 70,
    ConciergeStatus.CANCELLED: 10,
    ConciergeStatus.IN_PROGRESS: 8,
    ConciergeStatus.PENDING: 12,
}
QUERIES = {
    "default_open_by_sla": {},
    "all_by_created": {"status": "ALL", "sort": "created"},
    "pending_by_sla": {"status": "PENDING"},
    "search_open": {"search": "skateboarder tomorrow"},
    "search_all": {"status": "ALL", "search": "skateboarder tomorrow"},
    "search_common_word": {"status": "ALL", "search": "skateboarder"},
    "search_requester": {"status": "ALL", "search": "bench user 1234"},
    "search_city": {"status": "ALL", "search": "juggler in city 42"},
    "assigned_to_me": {"assigned_to_me": True},
}


def _seed(engine: Engine, rows: int) -> int:
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    dialect = engine.dialect.name
    with engine.begin() as conn:  # bulk load first, index once (as a migration would)
        for statement in search_index.drop_statements(dialect):
            conn.exec_driver_sql(statement)
    rng = random.Random(7)
    now = utcnow()
    users = [
        {
            "email": f"bench{n}@example.test",
            "display_name": f"Bench User {n}",
            "password_hash": "x",
            "role": Role.ADMIN.value if n < 5 else Role.TALENT.value,
            "language": "en",
            "referral_code": f"B{n:07d}",
            "badge_early_adopter": False,
            "created_at": now,
        }
        for n in range(USERS)
    ]
    with engine.begin() as conn:
        conn.execute(insert(User), users)
    tiers = list(CONCIERGE_TIERS.values())
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    batch = []
    for n in range(rows):
        tier = rng.choice(tiers)
        created = now - timedelta(minutes=rng.randint(0, 525_600))
        words = " ".join(rng.choices(WORDS, k=6))
        batch.append(
            {
                "user_id": rng.randint(6, USERS),
                "request_type": tier.type.value,
                "description": f"Need a {words} in city {n % 97}",
                "stars_cost": tier.stars_cost,
                "status": rng.choices(statuses, weights)[0].value,
                "idempotency_key": f"bench-{n:08d}",
                "assignee_id": rng.choice([None, None, 1, 2, 3]),
                "sla_due_at": created + tier.sla,
                "created_at": created,
                "updated_at": created,
            }
        )
        if len(batch) == 10_000:
            with engine.begin() as conn:
                conn.execute(insert(ConciergeRequest), batch)
            batch = []
    if batch:
        with engine.begin() as conn:
            conn.execute(insert(ConciergeRequest), batch)
    with engine.begin() as conn:
        for statement in search_index.create_statements(dialect):
            conn.exec_driver_sql(statement)
        conn.execute(text("ANALYZE"))
    return 1


def _measure(engine: Engine, admin_id: int, runs: int) -> dict[str, dict[str, float]]:
    figures = {}
    with new_session(engine) as session:
        for name, kwargs in QUERIES.items():
            timings = []
            for _ in range(runs + 3):
                start = time.perf_counter()
                admin_list_concierge_requests(session=session, actor_id=admin_id, **kwargs)
                timings.append((time.perf_counter() - start) * 1000)
                session.rollback()
            timings = sorted(timings[3:])
            figures[name] = {
                "p50_ms": round(statistics.median(timings), 2),
                "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 2),
            }
    return figures


def _postgres_engine() -> Engine | None:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not url:
        print("postgresql: skipped (no BENCH_DATABASE_URL / TEST_DATABASE_URL)")
        return None
    try:
        engine = make_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return engine
    except Exception as error:
        print(f"postgresql: skipped ({type(error).__name__})")
        return None


def run(rows: int = 100_000, runs: int = 50) -> dict[str, Any]:
    """Seed ``rows`` requests per database, time each queue query ``runs`` times."""
    results: dict[str, Any] = {"bench": "concierge_admin_queue", "rows": rows, "runs": runs}
    with tempfile.TemporaryDirectory() as tmp:
        engines = {"sqlite": make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")}
        if (pg := _postgres_engine()) is not None:
            engines["postgresql"] = pg
        for name, engine in engines.items():
            start = time.perf_counter()
            admin_id = _seed(engine, rows)
            print(f"{name}: seeded {rows:,} requests in {time.perf_counter() - start:.1f} s")
            results[name] = _measure(engine, admin_id, runs)
            for query, figure in results[name].items():
                print(f"  {query:<22} p50 {figure['p50_ms']:>7} ms   p99 {figure['p99_ms']:>7} ms")
            engine.dispose()
    return results


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.concierge")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args(argv)
    results = run(args.rows, args.runs)
    print(json.dumps(results, separators=(",", ":")))
    return results


if __name__ == "__main__":
    main()
