"""Small steps shared by the browser journeys."""

from __future__ import annotations

import itertools
import time

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

PASSWORD = "e2e-password-123"
_seq = itertools.count(1)


def unique_email(prefix: str) -> str:
    return f"{prefix}-{int(time.time() * 1000)}-{next(_seq)}@e2e.test"


def wait_ready(page: Page) -> None:
    """Wait until the websocket is connected and the page has hydrated."""
    page.wait_for_load_state("networkidle")


def open_page(page: Page, url: str) -> None:
    """``page.goto(url)``, once more if a navigation the page started itself aborted it.

    Logging out reloads the page once the server has expired the cookie, so a
    ``goto`` right after the click can be overtaken by that reload.
    """
    try:
        page.goto(url)
    except PlaywrightError as error:
        if "ERR_ABORTED" not in str(error):
            raise
        page.wait_for_load_state()
        page.goto(url)


def sign_up(
    page: Page,
    base_url: str,
    *,
    email: str,
    name: str,
    role: str = "TALENT",
    referral_code: str = "",
) -> None:
    open_page(page, f"{base_url}/signup")
    wait_ready(page)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.fill("#display_name", name)
    page.click(f"#role-{role.lower()}")
    if referral_code:
        page.fill("#referral_code", referral_code)
    page.click("#signup-submit")
    expect(page.locator("#user-menu")).to_contain_text(name, timeout=20_000)


def log_in(
    page: Page, base_url: str, *, email: str, password: str = PASSWORD, path: str = "/login"
) -> None:
    open_page(page, f"{base_url}{path}")
    wait_ready(page)
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#login-submit")
    expect(page.locator("#user-menu")).to_be_visible(timeout=20_000)


def log_out(page: Page) -> None:
    page.click("#user-menu")
    page.get_by_role("menuitem", name="Log out").click()
    expect(page.locator("#login-submit")).to_be_visible(timeout=20_000)


SECTIONS = {
    "basics": {"headline": "Physical comedian", "location": "Lisbon", "birth_year": "1996"},
    "photo": {"photo_url": "https://img.example/pat.jpg"},
    "bio": {"bio": "Clowning, mime and a lot of falling over on purpose."},
    "skills": {"skills": "comedy, mime", "languages": "english"},
    "experience": {"experience": "Ten years of street theatre."},
    "reel_links": {"reel_links": "https://video.example/pat"},
}


def toast(page: Page, text: str) -> None:
    expect(page.locator("[data-sonner-toast]").filter(has_text=text).first).to_be_visible(
        timeout=20_000
    )


def go(page: Page, base_url: str, path: str, ready_selector: str) -> None:
    page.goto(f"{base_url}{path}")
    wait_ready(page)
    expect(page.locator(ready_selector).first).to_be_visible(timeout=20_000)


def complete_profile(page: Page, base_url: str) -> None:
    go(page, base_url, "/profile", "#save-basics")
    for section, fields in SECTIONS.items():
        for name, value in fields.items():
            page.fill(f"#{section}-{name}", value)
        page.click(f"#save-{section}")
        expect(page.locator(f"#done-{section}")).to_be_visible(timeout=20_000)
