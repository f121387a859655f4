"""Journeys: stars earned by real actions, spent on features whose effects others see.

Every star here is earned in the journey (profile sections, an application, referrals
that pay once each referred friend is a real account);
nothing is granted behind the product's back.
"""

from __future__ import annotations

import os
import re

from playwright.sync_api import Browser, Page, expect

from castyou.services.demo import DEMO_PASSWORD
from tests.e2e.helpers import SECTIONS, log_in, sign_up, unique_email
from tests.e2e.helpers import complete_profile as _complete_profile
from tests.e2e.helpers import go as _go
from tests.e2e.helpers import toast as _toast


def _new_page(browser: Browser, base_url: str) -> Page:
    return browser.new_context(base_url=base_url).new_page()


def _post_job(page: Page, base_url: str, title: str) -> None:
    _go(page, base_url, "/jobs", "#post-job")
    page.fill("#job-title", title)
    page.fill("#job-description", "A sketch comedy pilot shooting in Lisbon.")
    page.fill("#job-location", "Lisbon")
    page.fill("#job-shoot_date", "2027-03-01")
    page.click("#post-job")
    _toast(page, "Job posted.")


def _save_basics(page: Page, base_url: str) -> None:
    _go(page, base_url, "/profile", "#save-basics")
    for name, value in SECTIONS["basics"].items():
        page.fill(f"#basics-{name}", value)
    page.click("#save-basics")
    expect(page.locator("#done-basics")).to_be_visible(timeout=20_000)


def _apply(page: Page, base_url: str, title: str) -> None:
    _go(page, base_url, "/jobs", "#job-listing")
    card = page.locator(".job-card").filter(has_text=title)
    card.locator("input[name=note]").fill("Count me in.")
    card.get_by_role("button", name="Apply").click()
    _toast(page, "Application sent")


def _store_balance(page: Page, base_url: str, stars: str) -> None:
    _go(page, base_url, "/castars/store", "#store-balance")
    expect(page.locator("#store-balance")).to_have_text(f"Balance: {stars} ★", timeout=20_000)


def test_talent_earns_boosts_tops_discover_and_is_hired(browser: Browser, base_url: str) -> None:
    producer = _new_page(browser, base_url)
    sign_up(producer, base_url, email=unique_email("prod"), name="Paula Pictures", role="PRODUCER")
    title = f"Sketch pilot {unique_email('job')[:18]}"
    _post_job(producer, base_url, title)

    talent = _new_page(browser, base_url)
    sign_up(talent, base_url, email=unique_email("talent"), name="Pat Pratfall", role="TALENT")
    _complete_profile(talent, base_url)
    _store_balance(talent, base_url, "300")

    _go(talent, base_url, "/jobs", "#job-listing")
    card = talent.locator(".job-card").filter(has_text=title)
    card.locator("input[name=note]").fill("I fall over professionally.")
    card.get_by_role("button", name="Apply").click()
    _toast(talent, "Application sent")
    _store_balance(talent, base_url, "310")

    talent.click("#activate-PROFILE_BOOST")
    expect(talent.locator("#confirm-cost")).to_contain_text("200")
    expect(talent.locator("#confirm-after")).to_contain_text("110")
    talent.locator("#confirm-spend").dblclick()  # a double click is one charge
    _toast(talent, "Profile Boost is active.")
    expect(talent.locator("#active-features")).to_contain_text("Profile Boost")
    expect(talent.locator("#active-features")).to_contain_text(re.compile(r"2[34] h \d+ min left"))
    expect(talent.locator("#store-balance")).to_have_text("Balance: 110 ★")

    _go(producer, base_url, "/discover", ".talent-card")
    first = producer.locator(".talent-card").first
    expect(first.locator(".talent-name")).to_have_text("Pat Pratfall")
    expect(first.locator(".boosted")).to_have_text("Boosted")
    first.locator("a").first.click()
    expect(producer.locator("#talent-name")).to_have_text("Pat Pratfall", timeout=20_000)
    _store_balance(talent, base_url, "115")  # a producer's view: +5

    _go(producer, base_url, "/jobs", "#my-jobs")
    applicant = producer.locator(".applicant").filter(has_text="Pat Pratfall")
    applicant.get_by_role("button", name="Hire").click()
    _toast(producer, "Hired!")
    # The talent's open store page refreshes live: +200 without a reload.
    expect(talent.locator("#store-balance")).to_have_text("Balance: 315 ★", timeout=20_000)
    applicant.get_by_role("button", name="Message").click()
    producer.fill("#message-body", "Welcome aboard, Pat!")
    producer.click("#message-send")
    expect(producer.locator("#thread")).to_contain_text("Welcome aboard, Pat!", timeout=20_000)

    _go(talent, base_url, "/jobs", "#my-applications")
    mine = talent.locator(".my-application").filter(has_text=title)
    expect(mine.locator(".application-status")).to_have_text("Hired")
    _go(talent, base_url, "/messages", "#thread")
    expect(talent.locator("#thread")).to_contain_text("Welcome aboard, Pat!")


def _referral_code(page: Page) -> str:
    text = page.locator("#referral-code").inner_text()
    match = re.search(r"([A-Z2-9]{8})", text)
    assert match, text
    return match.group(1)


def test_producer_unlocks_advanced_filters_and_uses_them(browser: Browser, base_url: str) -> None:
    producer = _new_page(browser, base_url)
    sign_up(producer, base_url, email=unique_email("scout"), name="Sam Scout", role="PRODUCER")
    code = _referral_code(producer)
    title = f"Scout call {unique_email('job')[:18]}"
    _post_job(producer, base_url, title)
    for n in range(5):  # a referral pays once the friend is real: basics + an application
        friend = _new_page(browser, base_url)
        sign_up(
            friend,
            base_url,
            email=unique_email(f"friend{n}"),
            name=f"Friend {n}",
            referral_code=code,
        )
        _save_basics(friend, base_url)
        _apply(friend, base_url, title)
        friend.context.close()

    _go(producer, base_url, "/discover", "#discover-search")
    expect(producer.locator("#filter-max_age")).to_be_disabled()
    _store_balance(producer, base_url, "500")
    expect(producer.locator("#feature-PROFILE_BOOST")).to_have_count(0)
    producer.click("#activate-ADVANCED_FILTERS")
    producer.click("#confirm-spend")
    _toast(producer, "Unlock Advanced Filters is active.")

    _go(producer, base_url, "/discover", "#filters-unlocked")
    producer.fill("#filter-max_age", "30")
    producer.click("#filter-has_reel")
    producer.click("#discover-search")
    results = producer.locator("#discover-results")
    expect(results).to_contain_text("Sofia Costa", timeout=20_000)
    expect(results).not_to_contain_text("Leo Garcia")
    expect(results).not_to_contain_text("Marta Silva")


def test_casting_pages_fit_a_phone(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, base_url, email="producer@demo.castyou.test", password=DEMO_PASSWORD)
    shots = os.environ.get("E2E_SCREENSHOTS")
    for path, ready in (
        ("/castars/store", "#feature-FEATURED_JOB"),
        ("/discover", ".talent-card"),
        ("/jobs", "#post-job"),
        ("/profile", "#save-company"),
        ("/messages", "#messages-empty"),
    ):
        _go(page, base_url, path, ready)
        if shots:
            page.screenshot(path=f"{shots}/{path.strip('/').replace('/', '_')}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 400, path
