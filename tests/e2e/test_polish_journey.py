"""Polish journeys: visitor pages, checkout, receipt, profile, home, admin tables, weight.

Each page visited is screenshotted at 1280 and 390 px in light and dark
(test-results/polish/) and checked with axe-core: no serious or critical violations.
"""

from __future__ import annotations

import re
import urllib.request

from playwright.sync_api import Page, expect

from tests.e2e.helpers import go, log_in, sign_up, toast, unique_email, wait_ready
from tests.e2e.polish_checks import check_page

WAIT = {"timeout": 20_000}
ADMIN = {"email": "admin@demo.castyou.test", "password": "castyou-demo"}


def test_visitor_pages_titles_language_favicon_and_caching(page: Page, base_url: str) -> None:
    with urllib.request.urlopen(f"{base_url}/favicon.ico") as favicon:
        assert favicon.status == 200
    page.goto(f"{base_url}/login")
    wait_ready(page)
    expect(page).to_have_title("CasTyou · Log in")
    check_page(page, "login")
    page.select_option("#language-picker", "pt")
    expect(page).to_have_title("CasTyou · Entrar", **WAIT)
    expect(page.locator("html")).to_have_attribute("lang", "pt")
    page.select_option("#language-picker", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en", **WAIT)
    script = page.locator("link[rel=modulepreload][href^='/assets/']").first.get_attribute("href")
    with urllib.request.urlopen(f"{base_url}{script}") as asset:
        assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    go(page, base_url, "/signup", "#signup-submit")
    check_page(page, "signup")


def test_home_dashboard_and_logout_message(page: Page, base_url: str) -> None:
    sign_up(page, base_url, email=unique_email("home"), name="Hana Home")
    go(page, base_url, "/", "#home-balance")
    expect(page.locator("#home-balance")).to_have_text("0")
    expect(page.locator("#home-bounty")).to_contain_text("toward the 500 Bounty")
    expect(page.locator("#home-steps")).to_contain_text("Complete your profile")
    expect(page.locator("#home-concierge")).to_have_text("No requests yet.")
    check_page(page, "home")
    page.click("#user-menu")
    page.get_by_role("menuitem", name="Log out").click()
    expect(page.locator("#logged-out-notice")).to_have_text("You are logged out.", **WAIT)
    expect(page.locator("[data-sonner-toast]").filter(has_text="Welcome")).to_have_count(0)


def _fill_card(page: Page, number: str, expiry: str, cvc: str) -> None:
    page.locator("#card-number").press_sequentially(number)
    page.locator("#card-expiry").press_sequentially(expiry)
    page.locator("#card-cvc").press_sequentially(cvc)


def test_checkout_keeps_values_names_fields_and_never_loads_stripe(
    page: Page, base_url: str
) -> None:
    stripe_requests: list[str] = []
    page.on("request", lambda r: "stripe.com" in r.url and stripe_requests.append(r.url))
    sign_up(page, base_url, email=unique_email("buyer"), name="Bea Buyer")
    go(page, base_url, "/castars/buy", "#select-starter")
    check_page(page, "buy")
    page.click("#select-starter")
    page.wait_for_function("() => window.castyouCheckoutReady === true")
    _fill_card(page, "4242424242424241", "0120", "1")
    expect(page.locator("#card-number")).to_have_value("4242 4242 4242 4241")
    expect(page.locator("#card-brand")).to_have_attribute("data-brand", "visa")
    page.click("#pay-button")
    expect(page.locator("#card-number-error")).to_have_text("Your card number is invalid.", **WAIT)
    expect(page.locator("#card-expiry-error")).to_contain_text("in the past")
    expect(page.locator("#card-cvc-error")).to_contain_text("too short")
    expect(page.locator("#card-expiry")).to_have_value("01/20")
    expect(page.locator("#card-cvc")).to_have_value("1")
    check_page(page, "buy-errors")

    page.fill("#card-number", "")
    _fill_card(page, "4000000000000002", "", "")
    page.fill("#card-expiry", "12/39")
    page.fill("#card-cvc", "123")
    page.click("#pay-button")
    expect(page.locator("#pay-error")).to_contain_text("declined", **WAIT)
    expect(page.locator("#card-number")).to_have_value("4000 0000 0000 0002")

    page.fill("#card-number", "4242 4242 4242 4242")
    page.click("#pay-button")
    expect(page.locator("#purchase-success")).to_be_visible(**WAIT)
    assert stripe_requests == []

    page.click("#receipt-link")
    expect(page.locator("#receipt-card")).to_have_text("Visa •••• 4242", **WAIT)
    expect(page.locator("#receipt-buyer")).to_contain_text("Bea Buyer")
    expect(page.locator("#receipt-seller")).to_contain_text("CasTyou")
    check_page(page, "receipt")
    page.emulate_media(media="print")
    expect(page.locator(".app-header")).to_be_hidden()
    expect(page.locator("#print-receipt")).to_be_hidden()
    page.screenshot(path="test-results/polish/receipt-print.png", full_page=True)
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.click("#download-receipt")
    pdf = download.value
    assert re.fullmatch(r"receipt-CT-\d{8}\.pdf", pdf.suggested_filename)
    with open(pdf.path(), "rb") as body:
        assert body.read(5) == b"%PDF-"


def test_profile_strength_hint_and_history(page: Page, base_url: str) -> None:
    sign_up(page, base_url, email=unique_email("strong"), name="Sol Strong")
    go(page, base_url, "/profile", "#save-basics")
    expect(page.locator("#profile-strength")).to_have_text("0 of 6 sections complete")
    page.fill("#bio-bio", "Too short")
    page.click("#save-bio")
    toast(page, "write a bio of at least 20 characters")
    page.fill("#bio-bio", "Clowning, mime and a lot of falling over on purpose.")
    page.click("#save-bio")
    expect(page.locator("#done-bio")).to_be_visible(**WAIT)
    expect(page.locator("#profile-strength")).to_have_text("1 of 6 sections complete")
    expect(page.locator("#missing-bio")).to_have_count(0)
    check_page(page, "profile")
    go(page, base_url, "/castars", "#castars-title")
    expect(page.get_by_text("Profile section completed: Bio")).to_be_visible(**WAIT)
    check_page(page, "castars")


def test_admin_tables_have_headers_sorting_and_readable_audit(page: Page, base_url: str) -> None:
    log_in(page, base_url, **ADMIN)
    page.goto(f"{base_url}/admin/castars")
    wait_ready(page)
    expect(page.locator("#admin-castars-title")).to_be_visible(**WAIT)
    check_page(page, "admin-stats")
    page.click("#tab-purchases")
    expect(page.locator("#sort-price")).to_be_visible(**WAIT)
    page.click("#sort-price")
    header = page.locator("th", has=page.locator("#sort-price"))
    expect(header).to_have_attribute("aria-sort", "descending", **WAIT)
    page.click("#sort-price")
    expect(header).to_have_attribute("aria-sort", "ascending", **WAIT)
    check_page(page, "admin-purchases")
    page.locator("[id^=refund-]").first.click()
    page.fill("#refund-reason", "Customer asked")
    page.click("#refund-confirm")
    toast(page, "Refund of")
    page.reload()
    wait_ready(page)
    expect(page.locator("#admin-castars-title")).to_be_visible(**WAIT)
    page.click("#tab-audit")
    expect(page.locator("th").filter(has_text="Changes")).to_be_visible(**WAIT)
    expect(page.locator(".audit-diff li").first).not_to_be_empty()
    expect(page.locator("code:empty")).to_have_count(0)
    check_page(page, "admin-audit")
    page.click("#tab-webhooks")
    expect(page.locator("th").filter(has_text="Outcome")).to_be_visible(**WAIT)
    check_page(page, "admin-webhooks")


def test_every_other_page_passes_axe_at_both_widths(page: Page, base_url: str) -> None:
    log_in(page, base_url, email="talent@demo.castyou.test", password="castyou-demo")
    for path, ready, name in (
        ("/castars/store", "#store-title", "store"),
        ("/jobs", "#job-listing", "jobs"),
        ("/messages", "#messages-title", "messages"),
        ("/concierge", "#concierge-submit", "concierge"),
    ):
        go(page, base_url, path, ready)
        check_page(page, name)
    page.click("#user-menu")
    page.get_by_role("menuitem", name="Log out").click()
    log_in(page, base_url, email="producer@demo.castyou.test", password="castyou-demo")
    go(page, base_url, "/discover", ".talent-card")
    check_page(page, "discover")
    page.locator(".talent-card a").first.click()
    expect(page.locator("#talent-name")).to_be_visible(**WAIT)
    check_page(page, "talent")
    go(page, base_url, "/jobs", "#post-job")
    check_page(page, "jobs-producer")
    page.click("#user-menu")
    page.get_by_role("menuitem", name="Log out").click()
    log_in(page, base_url, **ADMIN)
    go(page, base_url, "/admin/concierge", "#admin-concierge-title")
    check_page(page, "admin-concierge")
