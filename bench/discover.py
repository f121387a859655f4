"""First-page latency of Discover and Jobs with 10,000 talent profiles and 10,000 jobs.

Calls the service layer (``discover.discover_talents``, ``jobs.list_jobs``) the way a page
load does, with a few active Profile Boosts and Featured Jobs so the "boosted first"
ordering is exercised, on SQLite and, when ``BENCH_DATABASE_URL`` or ``TEST_DATABASE_URL``
answers, PostgreSQL (a scratch database: its tables are dropped and recreated).
Last line: one JSON object with every figure.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import castyou.models  # noqa: F401  (every table)
from castyou.clock import utcnow
from castyou.db import make_engine, new_session
from castyou.models.casting import Job, TalentProfile
from castyou.models.store import ActiveFeature, FeatureSource
from castyou.models.user import Role, User
from castyou.services.casting import discover, jobs
from castyou.services.casting.discover import DiscoverFilters
from castyou.services.store.features import Feature

PROFILES = 10_000
JOBS = 10_000
PRODUCERS = 100
ACTIVE_BOOSTS = 5
CALLS = int(os.environ.get("BENCH_CALLS", "200"))
WARMUP = 5
_CITIES = ("Lisbon", "Porto", "Madrid", "Barcelona", "São Paulo", "Rio", "London", "Paris")
_SKILLS = ("acting", "dance", "singing", "voice", "modeling", "stunts", "comedy", "drums")


def _users(count: int, role: Role, offset: int) -> list[dict[str, Any]]:
    now = utcnow()
    return [
        {
            "id": offset + i,
            "email": f"{role.value.lower()}{offset + i}@bench.test",
            "display_name": f"{role.value.title()} {offset + i}",
            "password_hash": "x",
            "role": role.value,
            "language": "en",
            "referral_code": f"B{offset + i:09d}",
            "badge_early_adopter": False,
            "created_at": now,
        }
        for i in range(count)
    ]


def _profile(user_id: int, now: Any) -> dict[str, Any]:
    city, skill = _CITIES[user_id % len(_CITIES)], _SKILLS[user_id % len(_SKILLS)]
    return {
        "user_id": user_id,
        "headline": f"{skill.title()} talent",
        "location": city,
        "birth_year": 1960 + user_id % 45,
        "photo_url": "",
        "bio": "Bench bio",
        "skills": f",{skill},english,",
        "languages": ",english,",
        "experience": "",
        "reel_links": "https://v.example/r" if user_id % 3 == 0 else "",
        "has_reel": user_id % 3 == 0,
        "search_text": f"talent {user_id} {skill} {city}".lower(),
        "listed": True,
        "updated_at": now - timedelta(seconds=user_id),
    }


def _job(n: int, producer_id: int, now: Any) -> dict[str, Any]:
    return {
        "producer_id": producer_id,
        "title": f"Bench job {n}",
        "description": "A bench job description.",
        "location": _CITIES[n % len(_CITIES)],
        "shoot_date": (now + timedelta(days=30)).date(),
        "status": "OPEN" if n % 10 else "FILLED",
        "created_at": now - timedelta(seconds=n),
    }


def _feature(feature: Feature, user_id: int, target: str, target_id: int, now: Any) -> dict:
    return {
        "user_id": user_id,
        "feature": feature.value,
        "target_type": target,
        "target_id": target_id,
        "starts_at": now - timedelta(hours=1),
        "ends_at": now + timedelta(hours=23),
        "source": FeatureSource.SPENT.value,
        "created_at": now,
    }


def _seed(engine: Engine) -> int:
    """Fresh tables with the data set; returns a producer id to browse as."""
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    now = utcnow()
    talents, producers = _users(PROFILES, Role.TALENT, 1), _users(PRODUCERS, Role.PRODUCER, 20_001)
    with engine.begin() as conn:
        conn.execute(insert(User), talents + producers)
        conn.execute(insert(TalentProfile), [_profile(u["id"], now) for u in talents])
        conn.execute(
            insert(Job), [_job(n, producers[n % PRODUCERS]["id"], now) for n in range(JOBS)]
        )
        boosts = [
            _feature(Feature.PROFILE_BOOST, 9_000 + i, "profile", 9_000 + i, now)
            for i in range(ACTIVE_BOOSTS)
        ]
        featured = [
            _feature(Feature.FEATURED_JOB, producers[0]["id"], "job", 5_001 + i, now)
            for i in range(ACTIVE_BOOSTS)
        ]
        conn.execute(insert(ActiveFeature), boosts + featured)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return producers[0]["id"]


def _measure(call: Callable[[], object]) -> dict[str, float]:
    for _ in range(WARMUP):
        call()
    samples = []
    for _ in range(CALLS):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2),
    }


def _bench_database(name: str, engine: Engine) -> dict[str, dict[str, float]]:
    producer_id = _seed(engine)
    session = new_session(engine)
    scenarios: dict[str, Callable[[], object]] = {
        "discover_first_page": lambda: discover.discover_talents(
            session=session, viewer_id=producer_id, filters=DiscoverFilters()
        ),
        "discover_skill_location": lambda: discover.discover_talents(
            session=session,
            viewer_id=producer_id,
            filters=DiscoverFilters(skill="dance", location="porto"),
        ),
        "jobs_first_page": lambda: jobs.list_jobs(session=session),
    }
    figures = {}
    try:
        first = discover.discover_talents(
            session=session, viewer_id=producer_id, filters=DiscoverFilters()
        )
        assert first.cards[0].boosted and len(first.cards) == discover.PAGE_SIZE
        assert jobs.list_jobs(session=session).cards[0].featured
        for scenario, call in scenarios.items():
            figures[scenario] = _measure(call)
            session.rollback()
            print(f"{name:<11} {scenario:<24} {figures[scenario]}", flush=True)
    finally:
        session.close()
    return figures


def _postgres_url() -> str | None:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None
    try:
        engine = make_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:
        print(f"postgresql: skipped ({type(error).__name__})")
        return None
    return url


def run() -> dict[str, Any]:
    """Seed, measure every scenario on each database, print the table, return the figures."""
    figures: dict[str, Any] = {"profiles": PROFILES, "jobs": JOBS, "calls": CALLS}
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        figures["sqlite"] = _bench_database("sqlite", engine)
        engine.dispose()
    url = _postgres_url()
    if url:
        engine = make_engine(url)
        figures["postgresql"] = _bench_database("postgresql", engine)
        engine.dispose()
    return figures


def main() -> int:
    print(json.dumps(run(), separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
