"""Journeys: changes made on instance B reach a browser on instance A without a reload.

A and B share PostgreSQL and Redis (see ``live_pair``). A signed webhook and a REST
award POSTed to B move the talent's header balance and history on A; an admin's
reply and status change made on B (through B's websocket, as the admin's tab
would) reach the requester's concierge page on A. An idle page sends nothing.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from bench._reflex_ws import signed_in_tab
from castyou.db import make_engine, new_session
from castyou.models.concierge import ConciergeRequest, ConciergeStatus
from castyou.models.user import User
from castyou.services.payments import simulator
from castyou.settings import Settings
from castyou.state.admin.concierge import AdminConciergeState
from castyou.state.admin.concierge_detail import AdminConciergeDetailState
from tests.e2e.helpers import SECTIONS, go, log_in, sign_up, unique_email
from tests.e2e.live_pair import API_KEY, SECRET, Pair, pair_fixture  # noqa: F401
from tests.factories import fund

TALENT = "talent@demo.castyou.test"
ADMIN = "admin@demo.castyou.test"
DEMO_PASSWORD = "castyou-demo"
IDLE_SECONDS = 10


def _post(url: str, body: bytes, headers: dict[str, str]) -> dict:
    request = urllib.request.Request(url, body, {"Content-Type": "application/json", **headers})
    with urllib.request.urlopen(request, timeout=20) as answer:
        return json.loads(answer.read() or b"{}")


def _user_id(pair: Pair, email: str) -> int:
    with new_session(make_engine(pair.database_url)) as db:
        return db.exec(select(User.id).where(User.email == email)).one()


def _balance(page: Page) -> int:
    return int(page.locator("#castars-balance").inner_text().replace(",", "") or 0)


def _signed_payment(user_id: int) -> tuple[bytes, str]:
    """A Stripe-shaped payment of the Popular bundle ($12.99, 1,650 stars), signed."""
    intent = {
        "id": f"pi_live_{uuid.uuid4().hex[:16]}",
        "object": "payment_intent",
        "amount": 1299,
        "amount_received": 1299,
        "currency": "usd",
        "status": "succeeded",
        "metadata": {"user_id": str(user_id), "bundle_id": "popular"},
    }
    now = int(time.time())
    event = {
        "id": f"evt_live_{uuid.uuid4().hex[:16]}",
        "object": "event",
        "type": "payment_intent.succeeded",
        "created": now,
        "data": {"object": intent},
    }
    body = json.dumps(event).encode()
    secret = Settings.model_validate({"CASTYOU_SECRET": SECRET}).webhook_secret
    return body, simulator.sign(body, secret, now)


def test_a_webhook_and_an_award_on_b_move_the_balance_on_a(pair: Pair, browser: Browser):
    page = browser.new_page()
    log_in(page, pair.a, email=TALENT, password=DEMO_PASSWORD, path="/login?next=/castars")
    go(page, pair.a, "/castars", "#castars-balance")
    start = _balance(page)
    user_id = _user_id(pair, TALENT)
    body, signature = _signed_payment(user_id)
    _post(f"{pair.b}/api/stripe/webhook", body, {"Stripe-Signature": signature})
    expect(page.locator("#castars-balance")).to_have_text(f"{start + 1650:,}", timeout=5_000)
    award = json.dumps({"user_id": user_id, "rule": "hired", "subject_id": uuid.uuid4().hex})
    _post(f"{pair.b}/api/v1/awards", award.encode(), {"Authorization": f"Bearer {API_KEY}"})
    expect(page.locator("#castars-balance")).to_have_text(f"{start + 1850:,}", timeout=5_000)
    expect(page.locator(".history-row").first).to_contain_text("200", timeout=5_000)
    page.close()


def test_an_admin_reply_and_status_change_on_b_reach_the_requester_on_a(
    pair: Pair, browser: Browser
):
    with new_session(make_engine(pair.database_url)) as db:
        talent = db.exec(select(User).where(User.email == TALENT)).one()
        fund(db, talent, 5_000, key=f"live-journey-{uuid.uuid4().hex}")
    page = browser.new_page()
    log_in(page, pair.a, email=TALENT, password=DEMO_PASSWORD)
    go(page, pair.a, "/concierge", "#concierge-title")
    page.fill("#description", "A juggler who can also ride a unicycle, for Friday.")
    page.click("#tier-BASIC")
    page.click("#concierge-submit")
    card = page.locator("[id^=request-]").first
    expect(card).to_be_visible(timeout=20_000)
    request_id = int((card.get_attribute("id") or "").removeprefix("request-"))
    card.locator(".thread-toggle").click()
    # Playwright's loop runs in this thread: the admin's tab runs in its own.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, _admin_acts_on_b(pair, request_id)).result()
    expect(card.locator(".request-status")).to_contain_text("progress", timeout=5_000)
    expect(card).to_contain_text("On it: two candidates by tonight.", timeout=5_000)
    page.close()


async def _admin_acts_on_b(pair: Pair, request_id: int) -> None:
    """The admin's tab on B logs in and acts, event by event, as the browser would send them."""
    path = "/admin/concierge"
    tab = await signed_in_tab(pair.b, ADMIN, DEMO_PASSWORD, path)
    await asyncio.sleep(1)
    detail, queue = AdminConciergeDetailState.get_full_name(), AdminConciergeState.get_full_name()
    await tab.send(f"{detail}.open_request", {"request_id": request_id}, path)
    await tab.send(
        f"{detail}.send_message", {"form": {"body": "On it: two candidates by tonight."}}, path
    )
    await tab.send(
        f"{queue}.change_status", {"request_id": request_id, "status": "IN_PROGRESS"}, path
    )
    # Keep the tab open until B has done both (a loaded CI machine may take seconds):
    # the pushes to A are what the test times, not B's queue.
    engine = make_engine(pair.database_url)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with new_session(engine) as db:
            status = db.exec(
                select(ConciergeRequest.status).where(ConciergeRequest.id == request_id)
            ).one()
        if status == ConciergeStatus.IN_PROGRESS:
            break
        await asyncio.sleep(0.2)
    await tab.close()


def test_an_idle_page_sends_no_event_frames(pair: Pair, browser: Browser):
    page = browser.new_page()
    frames: list[str] = []
    log_in(page, pair.a, email=TALENT, password=DEMO_PASSWORD, path="/login?next=/castars")
    go(page, pair.a, "/castars", "#castars-balance")
    page.wait_for_timeout(1_000)

    def on_socket(socket) -> None:  # type: ignore[no-untyped-def]
        socket.on("framesent", lambda payload: frames.append(str(payload)))

    page.on("websocket", on_socket)
    page.reload()  # a fresh socket, observed from its first frame
    go(page, pair.a, "/castars", "#castars-balance")
    page.wait_for_timeout(2_000)
    frames.clear()
    page.wait_for_timeout(IDLE_SECONDS * 1000)
    events = [frame for frame in frames if frame not in ("2", "3")]
    assert events == [], f"idle page sent {events}"
    page.close()


pytestmark = pytest.mark.e2e


def test_saving_a_profile_section_moves_the_header_balance_with_its_toast(
    pair: Pair, browser: Browser
):
    """Figures for the issue: click → header balance, printed (asserted loosely here)."""
    page = browser.new_page()
    sign_up(page, pair.a, email=unique_email("live-profile"), name="Pat Live")
    go(page, pair.a, "/profile", "#save-basics")
    timings = []
    for section, fields in SECTIONS.items():
        for name, value in fields.items():
            page.fill(f"#{section}-{name}", value)
        before = page.locator("#castars-balance").inner_text()
        page.click(f"#save-{section}")
        started = time.monotonic()
        page.wait_for_function(
            "b => document.querySelector('#castars-balance').innerText !== b", arg=before
        )
        timings.append((time.monotonic() - started) * 1000)
    timings.sort()
    print(f"profile save -> header balance ms: {[round(t) for t in timings]}")
    assert timings[-1] < 2_000
    page.close()
