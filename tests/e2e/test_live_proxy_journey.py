"""Journey: the browser talks to nginx, configured from the README, in front of A and B.

The nginx block of README's "Running on several machines" is used as written, with
only its addresses substituted (backend ports, listen port, the frontend's directory):
nginx serves the exported frontend and proxies HTTP and the WebSocket upgrade to two
backend-only instances sharing PostgreSQL and Redis (``live_pair``). A REST award
posted to B, and one posted through nginx, reach the header balance without a reload.
Skipped, with the reason, when nginx is not installed or PostgreSQL/Redis do not answer.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import select

from castyou.db import make_engine, new_session
from castyou.models.user import User
from castyou.services.castars.earn_rules import EARN_RULES
from tests.e2e.helpers import go, log_in
from tests.e2e.live_pair import (
    API_KEY,
    BASE_PORT,
    ROOT,
    Pair,
    _reachable,
    _start,
    _stop,
    _wait,
    instance_env,
)

pytestmark = pytest.mark.e2e

TALENT = "talent@demo.castyou.test"
DEMO_PASSWORD = "castyou-demo"
PROXY_PORT = BASE_PORT + 2
WEB_DIR = ROOT / "data" / "web-proxy"
BACKEND_LINE = re.compile(r"^\s*server \d+\.\d+\.\d+\.\d+:\d+;$", re.MULTILINE)


def readme_nginx_block() -> str:
    """The ```nginx block of README's "Running on several machines" section, verbatim."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Running on several machines", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```nginx\n(.*?)```", section, re.DOTALL)
    assert match, "README's 'Running on several machines' has no nginx block"
    return match.group(1)


def _substitute(block: str, old: str, new: str) -> str:
    assert block.count(old) == 1, f"README's nginx block no longer has exactly one {old!r}"
    return block.replace(old, new)


def nginx_config(backends: list[int], port: int, client_dir: Path, work: Path) -> str:
    """A whole nginx.conf around README's block, with only its addresses substituted."""
    block = readme_nginx_block()
    assert len(BACKEND_LINE.findall(block)) == len(backends), "README names two backends"
    lines = iter(f"    server 127.0.0.1:{backend};" for backend in backends)
    block = BACKEND_LINE.sub(lambda _: next(lines), block)
    block = _substitute(block, "listen 80;", f"listen 127.0.0.1:{port};")
    block = _substitute(block, "root /srv/castyou/.web/build/client;", f"root {client_dir};")
    temp = "\n".join(
        f"    {kind}_temp_path {work / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.getuid() == 0 else ""
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {work / 'nginx.pid'};\n"
        f"error_log {work / 'error.log'} warn;\nevents {{ worker_connections 1024; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    access_log {work / 'access.log'};\n"
        f"{temp}\n{block}}}\n"
    )


def _nginx() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        pytest.skip("nginx is not installed (make e2e installs Debian's nginx as root)")
    return found


def _export_frontend(env: dict[str, str], public_url: str, log: Path) -> Path:
    """README's step: build the frontend once with the proxy's public address."""
    result = subprocess.run(
        [sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip"],
        cwd=ROOT,
        env={**env, "REFLEX_API_URL": public_url, "REFLEX_WEB_WORKDIR": str(WEB_DIR)},
        capture_output=True,
        text=True,
        timeout=1200,
    )
    log.write_text(result.stdout + result.stderr)
    client = WEB_DIR / "build" / "client"
    assert result.returncode == 0 and client.is_dir(), log.read_text()[-4000:]
    return client


@pytest.fixture(scope="module", name="proxied")
def proxied_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    nginx = _nginx()
    database_url, redis_url = _reachable()
    public = f"http://localhost:{PROXY_PORT}"
    env = {**instance_env(database_url, redis_url, public), "REFLEX_WEB_WORKDIR": str(WEB_DIR)}
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run([sys.executable, "-m", "castyou", *command], cwd=ROOT, env=env, check=True)
    work = tmp_path_factory.mktemp("live-proxy")
    client = _export_frontend(env, public, work / "export.log")
    ports = [BASE_PORT, BASE_PORT + 1]
    (work / "nginx.conf").write_text(nginx_config(ports, PROXY_PORT, client, work))
    backend_env = {**env, "REFLEX_FRONTEND_PORT": "0"}
    instances = [
        _start(["--backend-only", "--backend-port", str(port)], backend_env, work / f"{port}.log")
        for port in ports
    ]
    proxy = subprocess.Popen(
        [nginx, "-c", str(work / "nginx.conf"), "-p", str(work), "-e", str(work / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=(work / "nginx.out").open("w"),
        start_new_session=True,
    )
    try:
        for port, process in zip(ports, instances, strict=True):
            _wait(f"http://localhost:{port}", process, work / f"{port}.log")
        _wait(public, proxy, work / "nginx.out", "/api/health")
        yield Pair(public, f"http://localhost:{ports[1]}", database_url, env)
    finally:
        _stop(proxy)
        for process in instances:
            _stop(process)


def _award(base: str, user_id: int) -> None:
    """+10 (an application; "hired" pays once a day, and the live journey took today's)."""
    body = json.dumps(
        {"user_id": user_id, "rule": "application_submitted", "subject_id": uuid.uuid4().hex}
    )
    request = urllib.request.Request(
        f"{base}/api/v1/awards",
        body.encode(),
        {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=20) as answer:
        answer.read()


def test_awards_reach_a_browser_behind_nginx(proxied: Pair, browser: Browser):
    page = browser.new_page()
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    log_in(page, proxied.a, email=TALENT, password=DEMO_PASSWORD, path="/login?next=/castars")
    go(page, proxied.a, "/castars", "#castars-balance")
    assert sockets and all(url.startswith(f"ws://localhost:{PROXY_PORT}/") for url in sockets)
    with new_session(make_engine(proxied.database_url)) as db:
        user_id = db.exec(select(User.id).where(User.email == TALENT)).one()
    balance = page.locator("#castars-balance")
    start = int(balance.inner_text().replace(",", "") or 0)
    reward = EARN_RULES["application_submitted"].stars
    for base, total in ((proxied.b, start + reward), (proxied.a, start + 2 * reward)):
        started = time.monotonic()
        _award(base, user_id)
        expect(balance).to_have_text(f"{total:,}", timeout=5_000)
        print(f"award via {base} -> header balance: {(time.monotonic() - started) * 1000:.0f} ms")
    page.close()
