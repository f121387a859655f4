"""Two app instances (A and B) sharing one PostgreSQL database and one Redis.

A serves the browser (``reflex run --env prod``, built into its own web directory
so the other journeys' build is left alone); B runs the backend only. Both run
several workers. Skipped, with the reason, when PostgreSQL or Redis do not answer.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from sqlalchemy import text

from castyou.db import make_engine

ROOT = Path(__file__).resolve().parents[2]
BASE_PORT = int(os.environ.get("E2E_LIVE_PORT", "3110"))
API_KEY = "e2e-api-key-0123456789abcdef"
SECRET = "e2e-live-secret-" + "z" * 40
START_TIMEOUT_S = 900


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    database_url: str
    env: dict[str, str]


def _reachable() -> tuple[str, str]:
    database_url = os.environ.get("E2E_LIVE_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    redis_url = os.environ.get("E2E_LIVE_REDIS_URL") or os.environ.get("REDIS_URL")
    if not database_url or not redis_url:
        pytest.skip("needs TEST_DATABASE_URL (PostgreSQL) and REDIS_URL")
    try:
        engine = make_engine(database_url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        redis.Redis.from_url(redis_url, socket_timeout=2).ping()
    except Exception as error:
        pytest.skip(f"PostgreSQL or Redis did not answer: {error}")
    return database_url, redis_url


def _wait(url: str, process: subprocess.Popen, log: Path, path: str = "/api/health") -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"instance exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}{path}", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"instance did not start:\n{log.read_text()[-4000:]}")


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reflex",
                "run",
                "--env",
                "prod",
                *args,
                "--loglevel",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def instance_env(database_url: str, redis_url: str, public_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CASTYOU_API_KEYS": API_KEY,
        "CASTYOU_PUBLIC_URL": public_url,
        "CASTYOU_SECRET": SECRET,
        "CASTYOU_SIGNUPS_PER_ADDRESS_PER_HOUR": "10000",  # journeys sign up from one address
        "GRANIAN_WORKERS": os.environ.get("E2E_LIVE_WORKERS", "2"),
        "REFLEX_USE_SYSTEM_BUN": "1",
        "REFLEX_WEB_WORKDIR": str(ROOT / "data" / "web-live"),
        "PATH": f"{ROOT / '.tools/node_modules/.bin'}:{ROOT / '.venv/bin'}:{os.environ['PATH']}",
    }


@pytest.fixture(scope="module", name="pair")
def pair_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    database_url, redis_url = _reachable()
    a, b = f"http://localhost:{BASE_PORT}", f"http://localhost:{BASE_PORT + 1}"
    env = instance_env(database_url, redis_url, a)
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run(
            [sys.executable, "-m", "castyou", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    logs = tmp_path_factory.mktemp("live-pair")
    port_a, port_b = str(BASE_PORT), str(BASE_PORT + 1)
    first = _start(["--frontend-port", port_a, "--backend-port", port_a], env, logs / "a.log")
    env_b = {**env, "CASTYOU_PUBLIC_URL": b, "REFLEX_FRONTEND_PORT": "0"}
    second = _start(["--backend-only", "--backend-port", port_b], env_b, logs / "b.log")
    try:
        _wait(a, first, logs / "a.log", "/login")
        _wait(b, second, logs / "b.log")
        yield Pair(a, b, database_url, env)
    finally:
        _stop(first)
        _stop(second)
