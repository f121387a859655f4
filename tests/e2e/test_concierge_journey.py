"""Journeys: a talent pays for an URGENT request; the team assigns, replies and fulfils it live.

Stars are arranged the way an operator would: the test grants them through the
ledger service against the e2e database (no product backdoor).
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from castyou.db import make_engine, session_scope
from castyou.models.user import User
from castyou.services.castars import ledger
from castyou.services.demo import DEMO_PASSWORD
from tests.e2e.helpers import log_in, sign_up, unique_email, wait_ready

WAIT = {"timeout": 20_000}
NEED = "Need a one-legged skateboarder available tomorrow in NYC"


def _grant(app_env: dict[str, str], email: str, stars: int) -> None:
    engine = make_engine(app_env["DATABASE_URL"])
    try:
        with session_scope(engine) as db:
            user = db.exec(select(User).where(User.email == email)).one()
            assert user.id is not None
            ledger.grant_stars(
                session=db, user_id=user.id, amount=stars, reason="e2e funding", key=f"e2e:{email}"
            )
    finally:
        engine.dispose()


def _rightmost(page: Page, selector: str) -> float:
    """The right edge of the page's own content (the shared header is checked elsewhere)."""
    return page.evaluate(
        "(sel) => Math.max(...[...document.querySelectorAll(sel)]"
        ".map((el) => el.getBoundingClientRect().right))",
        selector,
    )


def _talent_with_stars(page: Page, base_url: str, app_env: dict[str, str], stars: int) -> None:
    email = unique_email("concierge")
    sign_up(page, base_url, email=email, name="Cora Concierge")
    page.goto(f"{base_url}/concierge")
    wait_ready(page)
    expect(page.locator("#concierge-balance")).to_contain_text("Your balance: 0", **WAIT)
    _grant(app_env, email, stars)
    expect(page.locator("#concierge-balance")).to_contain_text(f"{stars:,}", **WAIT)


def _submit(page: Page, tier: str, text: str) -> None:
    page.click(f"#tier-{tier}")
    page.fill("#description", text)
    expect(page.locator("#description-counter")).to_have_text(f"{len(text)} / 2000", **WAIT)
    page.click("#concierge-submit")
    expect(page.get_by_text("Our team is on it!")).to_be_visible(**WAIT)


def test_urgent_request_is_assigned_answered_fulfilled_and_rated_live(
    browser: Browser, base_url: str, app_env: dict[str, str]
) -> None:
    talent = browser.new_context().new_page()
    admin = browser.new_context().new_page()
    log_in(admin, base_url, email="admin@demo.castyou.test", password=DEMO_PASSWORD)
    admin.goto(f"{base_url}/admin/concierge")
    wait_ready(admin)
    expect(admin.locator("#admin-concierge-title")).to_be_visible(**WAIT)

    _talent_with_stars(talent, base_url, app_env, 30_000)
    _submit(talent, "URGENT", NEED)
    card = talent.locator("#my-requests > *").first
    expect(card.locator(".request-status")).to_have_text("Pending", **WAIT)
    expect(talent.locator("#concierge-balance")).to_contain_text("5,000", **WAIT)
    card.locator(".thread-toggle").click()

    row = admin.locator("[id^=queue-row-]", has_text=NEED).first
    expect(row).to_be_visible(**WAIT)
    request_id = re.sub(r"\D", "", row.get_attribute("id") or "")
    admin.click(f"#assign-me-{request_id}")
    expect(row).to_contain_text("Ada Admin", **WAIT)
    admin.click(f"#open-{request_id}")
    expect(admin.locator("#request-detail")).to_contain_text(NEED, **WAIT)
    admin.fill("#admin-message-body", "We found two skaters!")
    admin.click("#admin-message-send")
    expect(talent.locator(".thread")).to_contain_text("We found two skaters!", **WAIT)

    admin.click("#fulfil-open")
    admin.locator(".candidate-name input").nth(0).fill("Sk8 Sam")
    admin.locator(".candidate-link input").nth(0).fill("https://example.com/sam")
    admin.click("#add-candidate")
    admin.locator(".candidate-name input").nth(1).fill("Rolling Rita")
    admin.locator(".candidate-link input").nth(1).fill("https://example.com/rita")
    admin.fill("#fulfil-note", "Both are free tomorrow.")
    admin.click("#fulfil-submit")
    expect(admin.locator("#detail-status")).to_have_text("Fulfilled", **WAIT)
    expect(admin.locator("#audit-trail")).to_contain_text("fulfilled", **WAIT)

    expect(card.locator(".request-status")).to_have_text("Fulfilled", **WAIT)
    links = card.locator("a.candidate-link")
    expect(links).to_have_count(2, **WAIT)
    expect(links.nth(0)).to_have_attribute("href", "https://example.com/sam")
    expect(links.nth(1)).to_have_attribute("rel", "noopener noreferrer")
    expect(links.nth(1)).to_have_attribute("target", "_blank")
    expect(card.locator(".team-notes")).to_contain_text("Both are free tomorrow.")
    card.get_by_role("radio", name="5").click()
    card.locator("input[name=comment]").fill("Perfect casting")
    card.locator("#rating-submit").click()
    expect(card.locator(".my-rating")).to_contain_text("5/5", **WAIT)
    expect(admin.locator("#request-detail")).to_contain_text("5/5 Perfect casting", **WAIT)
    expect(admin.locator("#queue-empty")).to_be_visible()
    admin.click("#status-filter")
    admin.get_by_role("option", name="Fulfilled").click()
    expect(row).to_contain_text("★ 5", **WAIT)
    for page, content in (
        (admin, "#queue *, #request-detail *"),
        (talent, "form *, #my-requests *"),
    ):
        page.set_viewport_size({"width": 390, "height": 800})
        assert _rightmost(page, content) <= 390


def test_cancelled_request_refunds(page: Page, base_url: str, app_env: dict[str, str]) -> None:
    _talent_with_stars(page, base_url, app_env, 5_000)
    expect(page.locator("#tier-URGENT .tier-short")).to_have_text("Need 20,000 more CasTars")
    _submit(page, "BASIC", "Need a dog actor for a commercial")
    expect(page.locator("#concierge-balance")).to_contain_text("Your balance: 0", **WAIT)
    expect(page.locator("#need-more")).to_be_visible(**WAIT)
    card = page.locator("#my-requests > *").first
    card.locator(".cancel-request").click()
    expect(card.locator(".request-status")).to_have_text("Cancelled", **WAIT)
    expect(page.locator("#concierge-balance")).to_contain_text("5,000", **WAIT)
    expect(page.locator("#need-more")).to_have_count(0)
