"""Playwright journeys against the real app, started once per test session.

The server runs ``reflex run --env prod`` on its own port with a fresh, migrated
SQLite database (and the Redis state manager when ``REDIS_URL`` is set).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("E2E_PORT", "3100"))
BASE_URL = f"http://localhost:{PORT}"
API_KEY = "e2e-api-key-0123456789abcdef"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
START_TIMEOUT_S = 900


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the journeys and run them last.

    Playwright's sync API keeps an event loop running in the main thread until the
    session ends, so any later test that calls ``asyncio.run`` would fail.
    """
    journeys = [item for item in items if "tests/e2e/" in str(item.fspath)]
    for item in journeys:
        item.add_marker(pytest.mark.e2e)
    others = [item for item in items if "tests/e2e/" not in str(item.fspath)]
    items[:] = others + journeys


def _wait_until_up(process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app exited early:\n{log.read_text()[-4000:]}")
        try:
            with (
                urllib.request.urlopen(f"{BASE_URL}/api/health", timeout=2) as health,
                urllib.request.urlopen(f"{BASE_URL}/login", timeout=2) as page,
            ):
                if health.status == 200 and page.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"app did not start in {START_TIMEOUT_S}s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def app_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("e2e")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{data / 'e2e.db'}",
        "CASTYOU_API_KEYS": API_KEY,
        "CASTYOU_PUBLIC_URL": BASE_URL,
        "CASTYOU_UPLOADS_DIR": str(data / "uploads"),
        "CASTYOU_SECRET": "e2e-secret-" + "y" * 40,
        "CASTYOU_SIGNUPS_PER_ADDRESS_PER_HOUR": "10000",  # journeys sign up from one address
        "REFLEX_USE_SYSTEM_BUN": "1",
        "PATH": f"{ROOT / '.tools/node_modules/.bin'}:{ROOT / '.venv/bin'}:{os.environ['PATH']}",
    }
    env.pop("STRIPE_SECRET_KEY", None)
    return env


@pytest.fixture(scope="session")
def app_server(app_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    subprocess.run([sys.executable, "-m", "castyou", "migrate"], cwd=ROOT, env=app_env, check=True)
    subprocess.run(
        [sys.executable, "-m", "castyou", "seed-demo"],
        cwd=ROOT,
        env=app_env,
        check=True,
        capture_output=True,
    )
    log = tmp_path_factory.mktemp("e2e-log") / "app.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reflex",
                "run",
                "--env",
                "prod",
                "--frontend-port",
                str(PORT),
                "--backend-port",
                str(PORT),
                "--loglevel",
                "warning",
            ],
            cwd=ROOT,
            env=app_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_up(process, log)
        yield BASE_URL
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def base_url(app_server: str) -> str:
    return app_server
