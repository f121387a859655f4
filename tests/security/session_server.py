"""The real app for the session wire tests: the backend only, on its own port.

``reflex run --env prod --backend-only`` (no frontend build: these tests speak the
websocket protocol and HTTP themselves) on a fresh, migrated, demo-seeded SQLite
database. Port ``SESSION_WIRE_PORT`` (default ``E2E_PORT`` + 50).
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

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("SESSION_WIRE_PORT") or int(os.environ.get("E2E_PORT", "3100")) + 50)
START_TIMEOUT_S = 300


@dataclass(frozen=True)
class Server:
    url: str
    database_url: str


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"app did not start in {START_TIMEOUT_S}s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="module", name="session_server")
def session_server_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("session-wire")
    url = f"http://localhost:{PORT}"
    database_url = f"sqlite:///{data / 'app.db'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CASTYOU_PUBLIC_URL": url,
        "CASTYOU_UPLOADS_DIR": str(data / "uploads"),
        "CASTYOU_SECRET": "session-wire-secret-" + "w" * 40,
        "REFLEX_FRONTEND_PORT": "0",
        "PATH": f"{ROOT / '.venv/bin'}:{os.environ['PATH']}",
    }
    env.pop("REDIS_URL", None)
    env.pop("STRIPE_SECRET_KEY", None)
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run(
            [sys.executable, "-m", "castyou", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    log = data / "app.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reflex",
                "run",
                "--env",
                "prod",
                "--backend-only",
                "--backend-port",
                str(PORT),
                "--loglevel",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait(url, process, log)
        yield Server(url, database_url)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
