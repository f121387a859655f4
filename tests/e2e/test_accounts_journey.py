"""Journeys: sign up → shell → log out → log in → protected page; admin pages refuse others."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from castyou.services.demo import DEMO_PASSWORD
from tests.e2e.helpers import log_in, log_out, sign_up, unique_email, wait_ready


def test_sign_up_log_out_log_in_and_return_to_protected_page(page: Page, base_url: str) -> None:
    email = unique_email("journey")
    sign_up(page, base_url, email=email, name="Jo Journey", role="PRODUCER")
    expect(page.locator("#welcome")).to_contain_text("Jo Journey")
    page.click("#user-menu")
    expect(page.locator("#user-role")).to_have_text("Producer")
    page.get_by_role("menuitem", name="Log out").click()
    expect(page.locator("#login-submit")).to_be_visible(timeout=20_000)

    page.goto(f"{base_url}/admin/concierge")
    expect(page).to_have_url(re.compile(r"/login\?next=/admin/concierge/?$"), timeout=20_000)
    wait_ready(page)
    page.fill("#email", email)
    page.fill("#password", "e2e-password-123")
    page.click("#login-submit")
    expect(page).to_have_url(re.compile(r"/admin/concierge/?$"), timeout=20_000)
    expect(page.locator("#not-allowed")).to_be_visible()


def test_non_admin_is_refused_and_admin_is_let_in(page: Page, base_url: str) -> None:
    log_in(page, base_url, email="talent@demo.castyou.test", password=DEMO_PASSWORD)
    page.goto(f"{base_url}/admin/concierge")
    expect(page.locator("#not-allowed")).to_be_visible(timeout=20_000)
    expect(page.locator("#admin-concierge-title")).to_have_count(0)
    log_out(page)
    log_in(page, base_url, email="admin@demo.castyou.test", password=DEMO_PASSWORD)
    page.goto(f"{base_url}/admin/concierge")
    expect(page.locator("#admin-concierge-title")).to_be_visible(timeout=20_000)


def test_wrong_password_shows_a_clear_message(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/login")
    wait_ready(page)
    page.fill("#email", "producer@demo.castyou.test")
    page.fill("#password", "not-the-password")
    page.click("#login-submit")
    expect(page.locator("#form-error")).to_contain_text("Wrong email or password.")


def test_phone_width_shows_the_menu(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, base_url, email="producer@demo.castyou.test", password=DEMO_PASSWORD)
    expect(page.get_by_label("Menu")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
