"""The running app, attacked over its real websocket and HTTP.

One server for the whole suite, stopped when the suite ends (package scope):
``reflex run --env prod --backend-only`` (the event websocket and the API are the
backend; no frontend build is needed to attack them) on ``SECURITY_PORT`` (3600 by
default), against its own migrated and seeded SQLite database, which the tests read
directly to prove nothing changed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from castyou.db import make_engine, new_session
from castyou.models.user import Role
from tests.security.wire import API_KEY, Credential, Server, demo_email, log_in, run

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("SECURITY_PORT", "3600"))
START_TIMEOUT_S = 180
LOCKOUT_FILE = "test_login_throttle_wire.py"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "security: attacks on the running app over its websocket and HTTP"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the suite and run its lock-out tests last within it.

    Failed logins from 127.0.0.1 may lock that address out, so every other test logs
    in before them. The suite stays before the Playwright journeys (which run last:
    ``asyncio.run`` fails once Playwright's loop is running).
    """
    suite = [item for item in items if "tests/security/" in str(item.fspath)]
    for item in suite:
        item.add_marker(pytest.mark.security)
    last = [item for item in suite if LOCKOUT_FILE in str(item.fspath)]
    if not last or len(last) == len(suite):
        return
    moved = {id(item) for item in last}
    kept = [item for item in items if id(item) not in moved]
    end = max(index for index, item in enumerate(kept) if item in suite) + 1
    items[:] = kept[:end] + last + kept[end:]


def _env(data: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{data / 'security.db'}",
        "CASTYOU_API_KEYS": API_KEY,
        "CASTYOU_PUBLIC_URL": f"http://localhost:{PORT}",
        "CASTYOU_UPLOADS_DIR": str(data / "uploads"),
        "CASTYOU_SECRET": "security-secret-" + "z" * 40,
        "STRIPE_WEBHOOK_SECRET": "whsec_security_" + "w" * 24,
        # Production: CORS allows only the public origin. Sign-ups keep the default
        # limit per address; each test signs up from its own X-Forwarded-For address.
        "CASTYOU_ENV": "production",
        "CASTYOU_TRUSTED_PROXY_HOPS": "1",
        "GRANIAN_WORKERS": "1",
        "REFLEX_FRONTEND_PORT": "0",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",
        "PATH": f"{ROOT / '.venv/bin'}:{os.environ['PATH']}",
    }
    for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "REDIS_URL"):
        env.pop(name, None)
    return env


def _wait_until_up(process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app exited early:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/ready", timeout=2) as ready:
                if ready.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"app did not start in {START_TIMEOUT_S}s:\n{log.read_text()[-4000:]}")


def _port_is_free() -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", PORT)) != 0


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app with the demo accounts, its log and its database file."""
    if not _port_is_free():
        pytest.skip(f"SECURITY_PORT {PORT} is taken: set SECURITY_PORT to a free port")
    data = tmp_path_factory.mktemp("security")
    env = _env(data)
    for command in ("migrate", "seed-demo"):
        done = subprocess.run(
            [sys.executable, "-m", "castyou", command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.fail(f"castyou {command} failed:\n{done.stderr[-3000:]}")
    log = data / "app.log"
    command = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-only"]
    command += ["--backend-port", str(PORT), "--loglevel", "warning"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        _wait_until_up(process, log)
        yield Server(f"http://127.0.0.1:{PORT}", log, data / "security.db", process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="package")
def app_db(server: Server) -> Iterator[Engine]:
    """The running app's own database, read directly."""
    engine = make_engine(f"sqlite:///{server.db_path}")
    yield engine
    engine.dispose()


@pytest.fixture
def db(app_db: Engine) -> Iterator[Session]:
    """A session on the app's database (overrides the suite-wide test database)."""
    session = new_session(app_db)
    try:
        yield session
    finally:
        session.close()


@pytest.fixture(scope="package")
def credentials(server: Server) -> dict[str, Credential]:
    """A live session of each demo account, logged in once over the websocket."""
    signed_in = {}
    for role in Role:
        credential, answer = run(log_in(server, demo_email(role.value)))
        assert credential is not None, f"{role.value} could not log in: {answer}"
        signed_in[role.value] = credential
    return signed_in
