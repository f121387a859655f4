"""Page weight in Chromium: first-load bytes, requests, time to usable, websocket per navigation.

For ``/login``, ``/castars``, ``/castars/buy`` and ``/admin/castars``: a first visit with an
empty cache (transferred JS and total bytes, requests, time until the page's control is
visible and the event websocket answered), a repeat visit (requests for content-hashed
assets that went to the network, revalidations included: the goal is 0), and the
websocket bytes of each client-side navigation after the first page load (goal ≤ 10 KB).
Uses ``BENCH_BASE_URL`` when set, else starts ``reflex run --env prod`` on a free port
with a fresh SQLite database and the demo accounts. Last line: one JSON object.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, sync_playwright

from bench.webhook import _free_port, _run, _stop

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PASSWORD = "castyou-demo"
PAGES = {
    "/login": ("#login-submit", None),
    "/castars": ("#castars-title", "talent"),
    "/castars/buy": ("#buy-title", "talent"),
    "/admin/castars": ("#admin-castars-title", "admin"),
}
HASHED = re.compile(r"/assets/[^/]+-[A-Za-z0-9_-]{8}\.(js|css)$")
# The JS goal is on the compressed bodies (what gzip makes of the bundles); ``js_kb``
# adds each response's headers, as DevTools' "transferred" column does.
GOALS = {"login_js_gzip_kb": 200, "ws_kb_per_navigation": 10, "repeat_hashed_requests": 0}


@dataclass
class Traffic:
    """What one CDP session saw: responses, encoded bytes per request, websocket frames."""

    types: dict[str, str] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    cached: set[str] = field(default_factory=set)
    status: dict[str, int] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)
    body: dict[str, int] = field(default_factory=dict)
    ws_bytes: int = 0
    ws_frames: int = 0

    def reset(self) -> None:
        for part in (self.types, self.urls, self.status, self.bytes, self.body):
            part.clear()
        self.cached.clear()
        self.ws_bytes = self.ws_frames = 0


def _watch(context: BrowserContext, page: Page) -> Traffic:
    traffic = Traffic()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")

    def response(event: dict[str, Any]) -> None:
        rid, resp = event["requestId"], event["response"]
        traffic.types[rid], traffic.urls[rid] = event.get("type", ""), resp["url"]
        traffic.status[rid] = resp["status"]
        headers = {k.lower(): v for k, v in resp.get("headers", {}).items()}
        if str(headers.get("content-length", "")).isdigit():
            traffic.body[rid] = int(headers["content-length"])
        if resp.get("fromDiskCache") or resp.get("fromMemoryCache"):
            traffic.cached.add(rid)

    def frame(event: dict[str, Any]) -> None:
        traffic.ws_bytes += len(event["response"].get("payloadData", "").encode())
        traffic.ws_frames += 1

    cdp.on("Network.responseReceived", response)
    cdp.on("Network.requestServedFromCache", lambda e: traffic.cached.add(e["requestId"]))
    cdp.on(
        "Network.loadingFinished",
        lambda e: traffic.bytes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    cdp.on("Network.webSocketFrameReceived", frame)
    cdp.on("Network.webSocketFrameSent", frame)
    return traffic


def _wait_usable(page: Page, selector: str, traffic: Traffic) -> None:
    page.locator(selector).first.wait_for(state="visible", timeout=60_000)
    deadline = time.monotonic() + 30
    while traffic.ws_frames < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(10)


def _first_load(context: BrowserContext, base: str, path: str, selector: str) -> dict:
    page = context.new_page()
    traffic = _watch(context, page)
    started = time.perf_counter()
    page.goto(base + path)
    _wait_usable(page, selector, traffic)
    usable_ms = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("networkidle")
    network = [rid for rid in traffic.bytes if rid not in traffic.cached]
    scripts = [r for r in network if traffic.types.get(r) == "Script"]
    js = sum(traffic.bytes[r] for r in scripts)
    js_body = sum(traffic.body.get(r, traffic.bytes[r]) for r in scripts)
    first = {
        "js_kb": round(js / 1024, 1),
        "js_body_kb": round(js_body / 1024, 1),
        "total_kb": round(sum(traffic.bytes[r] for r in network) / 1024, 1),
        "requests": len(network),
        "usable_ms": round(usable_ms),
        "ws_kb_first_load": round(traffic.ws_bytes / 1024, 1),
    }
    traffic.reset()
    page.goto(base + path)
    _wait_usable(page, selector, traffic)
    page.wait_for_load_state("networkidle")
    hashed = [
        rid for rid, url in traffic.urls.items() if HASHED.search(url) and rid not in traffic.cached
    ]
    first["repeat_hashed_requests"] = len(hashed)
    first["repeat_requests"] = len([r for r in traffic.urls if r not in traffic.cached])
    page.close()
    return first


def _log_in(browser: Any, base: str, email: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/login")
    page.wait_for_load_state("networkidle")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.locator("#user-menu").wait_for(timeout=60_000)
    state = context.storage_state()
    context.close()
    return state


def _navigate(page: Page, path: str) -> None:
    """A client-side navigation, as a click on an in-app link does."""
    page.evaluate(
        """(path) => {
            const link = document.createElement('a');
            link.href = path;
            link.setAttribute('data-discover', 'true');
            document.body.appendChild(link);
            window.history.pushState({}, '', path);
            window.dispatchEvent(new PopStateEvent('popstate', {state: {}}));
            link.remove();
        }""",
        path,
    )


def _ws_per_navigation(context: BrowserContext, base: str, paths: list[str]) -> list[dict]:
    page = context.new_page()
    traffic = _watch(context, page)
    first, *others = paths
    page.goto(base + first)
    _wait_usable(page, PAGES[first][0], traffic)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    results = []
    for path in others:
        traffic.reset()
        _navigate(page, path)
        page.locator(PAGES[path][0]).first.wait_for(state="visible", timeout=60_000)
        page.wait_for_timeout(1000)
        results.append({"path": path, "ws_kb": round(traffic.ws_bytes / 1024, 2)})
    page.close()
    return results


@contextmanager
def _app() -> Iterator[str]:
    if os.environ.get("BENCH_BASE_URL"):
        yield os.environ["BENCH_BASE_URL"].rstrip("/")
        return
    workdir = Path(tempfile.mkdtemp(prefix="castyou-pages-"))
    port = int(os.environ.get("BENCH_PORT", "0")) or _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'pages.db'}",
        "CASTYOU_SECRET": secrets.token_urlsafe(48),
        "CASTYOU_PUBLIC_URL": f"http://localhost:{port}",
        "REFLEX_TELEMETRY_ENABLED": "false",
    }
    env.pop("STRIPE_SECRET_KEY", None)
    _run(["-m", "castyou", "migrate"], env)
    _run(["-m", "castyou", "seed-demo"], env)
    log = workdir / "app.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "reflex", "run", "--env", "prod", "--frontend-port",
             str(port), "--backend-port", str(port), "--loglevel", "warning"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    base = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(log.read_text()[-3000:])
            try:
                with urllib.request.urlopen(f"{base}/login", timeout=2):
                    break
            except OSError:
                time.sleep(1)
        yield base
    finally:
        _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def run() -> dict:
    with _app() as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        states = {
            "talent": _log_in(browser, base, "talent@demo.castyou.test"),
            "admin": _log_in(browser, base, "admin@demo.castyou.test"),
        }
        pages = {}
        for path, (selector, who) in PAGES.items():
            context = browser.new_context(storage_state=states[who] if who else None)
            pages[path] = _first_load(context, base, path, selector)
            context.close()
        talent = browser.new_context(storage_state=states["talent"])
        navigations = _ws_per_navigation(
            talent, base, ["/castars", "/castars/buy", "/castars", "/castars/buy"]
        )
        talent.close()
        admin = browser.new_context(storage_state=states["admin"])
        navigations += _ws_per_navigation(admin, base, ["/castars", "/admin/castars"])
        admin.close()
        browser.close()
    print(
        f"{'page':16} {'JS gz KB':>8} {'JS KB':>7} {'total KB':>9} {'req':>4}"
        f" {'usable ms':>9} {'repeat':>6}"
    )
    for path, f in pages.items():
        print(
            f"{path:16} {f['js_body_kb']:>8} {f['js_kb']:>7} {f['total_kb']:>9} {f['requests']:>4}"
            f" {f['usable_ms']:>9} {f['repeat_hashed_requests']:>6}"
        )
    for nav in navigations:
        print(f"navigate to {nav['path']}: websocket {nav['ws_kb']} KB")
    worst_ws = max(n["ws_kb"] for n in navigations)
    return {
        "pages": pages,
        "navigations": navigations,
        "goals": GOALS,
        "met": {
            "login_js_gzip": pages["/login"]["js_body_kb"] <= GOALS["login_js_gzip_kb"],
            "ws_per_navigation": worst_ws <= GOALS["ws_kb_per_navigation"],
            "repeat_zero_revalidation": all(
                f["repeat_hashed_requests"] == 0 for f in pages.values()
            ),
        },
    }


def main() -> int:
    print(json.dumps(run(), separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
