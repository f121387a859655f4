"""Journey: stars awarded through the REST API appear live on /castars; redeem a Bounty."""

from __future__ import annotations

import re
import sqlite3

from playwright.sync_api import Page, expect

from castyou.services.castars.earn_rules import PROFILE_SECTIONS
from tests.e2e.conftest import API_KEY
from tests.e2e.helpers import sign_up, unique_email, wait_ready

LIVE_TIMEOUT = 15_000


def _user_id(app_env: dict[str, str], email: str) -> int:
    path = app_env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone()[0]


def _award(page: Page, base_url: str, user_id: int, rule: str, subject: str) -> dict:
    response = page.request.post(
        f"{base_url}/api/v1/awards",
        data={"user_id": user_id, "rule": rule, "subject_id": subject},
        headers={"Authorization": f"Bearer {API_KEY}"},
    )
    assert response.status == 200, response.text()
    return response.json()


def test_api_award_updates_widget_and_history_live_then_redeem(
    page: Page, base_url: str, app_env: dict[str, str]
) -> None:
    email = unique_email("castars")
    sign_up(page, base_url, email=email, name="Cas Tars")
    user_id = _user_id(app_env, email)
    page.goto(f"{base_url}/castars")
    wait_ready(page)
    expect(page.locator("#history-empty")).to_be_visible(timeout=20_000)
    expect(page.locator("#castars-balance")).to_have_text("0")

    assert _award(page, base_url, user_id, "hired", "job-1")["awarded"] == 200
    expect(page.locator("#castars-balance")).to_have_text("200", timeout=LIVE_TIMEOUT)
    first_row = page.locator(".history-row").first
    expect(first_row).to_contain_text("Hired for a job", timeout=LIVE_TIMEOUT)
    expect(first_row).to_contain_text("+200")
    assert _award(page, base_url, user_id, "hired", "job-1")["awarded"] == 0

    capped = _award(page, base_url, user_id, "hired", "job-2")  # one hire reward a day
    assert (capped["awarded"], capped["reason"]) == (0, "daily_cap")
    for section in PROFILE_SECTIONS:
        _award(page, base_url, user_id, "profile_section_completed", section)
    expect(page.locator("#castars-balance")).to_have_text("500", timeout=LIVE_TIMEOUT)
    expect(page.locator(".history-row")).to_have_count(7)
    expect(page.locator("#castars-widget")).to_have_attribute("data-glow", "on")
    expect(page.locator("#notification-count")).to_have_text("1")

    page.click("#tab-bounties")
    expect(page.locator("#bounty-progress-text")).to_have_text("0 / 500 to next Bounty")
    page.click("#redeem-open-500")
    page.click("#redeem-type-PROFILE_BOOST_3DAY")
    expect(page.get_by_text("Bounty redeemed: 3-day profile boost")).to_be_visible()
    expect(page.locator(".redeemed-bounty")).to_contain_text("3-day profile boost")
    expect(page.locator("#no-bounties")).to_be_visible()
    expect(page.locator("#castars-widget")).to_have_attribute("data-glow", "off")

    page.click("#castars-widget")
    expect(page.locator("#castars-panel-balance")).to_have_text("500")
    expect(page.locator("#castars-buy")).to_have_attribute("href", re.compile(r"/castars/buy"))
    page.click("#castars-widget")
    expect(page.locator("#castars-panel-balance")).to_have_count(0)
    page.click("#notification-bell")
    expect(page.get_by_text("Bounty unlocked: you reached 500 lifetime CasTars!")).to_be_visible()
    page.click("#notifications-mark-all")
    expect(page.locator("#notification-count")).to_have_count(0)


def test_hub_fits_a_phone(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    sign_up(page, base_url, email=unique_email("phone"), name="Pho Ne")
    page.goto(f"{base_url}/castars")
    wait_ready(page)
    expect(page.locator("#castars-title")).to_be_visible(timeout=20_000)
    expect(page.locator("#concierge-cta")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
