"""The CasTars admin console in a browser: find a user, grant stars, see the stats move."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import (
    complete_profile,
    go,
    log_in,
    log_out,
    sign_up,
    toast,
    unique_email,
    wait_ready,
)

LIVE_TIMEOUT = 20_000
ADMIN_EMAIL = "admin@demo.castyou.test"
ADMIN_PASSWORD = "castyou-demo"


def open_console(page: Page, base_url: str, tab: str) -> None:
    page.goto(f"{base_url}/admin/castars")
    wait_ready(page)
    expect(page.locator("#admin-castars-title")).to_be_visible(timeout=LIVE_TIMEOUT)
    page.click(f"#tab-{tab}")


def find_user_id(page: Page, email: str) -> str:
    page.fill("#user-q", email)
    page.click("#user-search")
    page.locator("[id^=open-user-]").first.click()
    expect(page.locator("#selected-user")).to_be_visible(timeout=LIVE_TIMEOUT)
    return page.locator("#selected-user-id").inner_text()


def test_admin_grants_stars_and_sees_the_stats(page: Page, base_url: str) -> None:
    talent_email = unique_email("granted")
    sign_up(page, base_url, email=talent_email, name="Gina Granted")
    page.goto(f"{base_url}/admin/castars")
    expect(page.locator("#not-allowed")).to_be_visible(timeout=LIVE_TIMEOUT)
    expect(page.locator("#admin-castars-title")).to_have_count(0)
    log_out(page)

    log_in(page, base_url, email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    open_console(page, base_url, "users")
    user_id = find_user_id(page, talent_email)
    expect(page.locator("#selected-balance")).to_contain_text("0")
    expect(page.get_by_text("No ledger entries yet.")).to_be_visible()

    page.click("#tab-grants")
    page.fill("#grant-user", user_id)
    page.fill("#grant-amount", "250")
    page.fill("#grant-reason", "Welcome gift")
    page.click("#grant-submit")
    expect(page.get_by_text("250 CasTars granted.")).to_be_visible(timeout=LIVE_TIMEOUT)

    open_console(page, base_url, "stats")
    expect(page.locator("#stat-earned")).not_to_have_text("0", timeout=LIVE_TIMEOUT)
    page.click("#tab-audit")
    expect(page.get_by_text("Grant credited").first).to_be_visible(timeout=LIVE_TIMEOUT)

    open_console(page, base_url, "users")
    find_user_id(page, talent_email)
    expect(page.locator("#selected-balance")).to_contain_text("250", timeout=LIVE_TIMEOUT)


def test_console_fits_a_phone(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, base_url, email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    open_console(page, base_url, "grants")
    expect(page.locator("#grant-submit")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400


def test_admin_creates_a_bundle_a_talent_buys_it_admin_sees_and_exports(
    page: Page, base_url: str
) -> None:
    code = f"e2e{unique_email('b').split('-')[1][-6:]}"
    log_in(page, base_url, email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    open_console(page, base_url, "bundles")
    page.fill("#bundle-code", code)
    page.fill("#bundle-name", "Mega")
    page.fill("#bundle-stars", "700")
    page.fill("#bundle-bonus", "70")
    page.fill("#bundle-price", "6.50")
    page.click("#bundle-create")
    expect(page.get_by_text("Bundle Mega created.")).to_be_visible(timeout=LIVE_TIMEOUT)
    log_out(page)

    buyer = unique_email("mega")
    sign_up(page, base_url, email=buyer, name="Mia Mega")
    page.goto(f"{base_url}/castars/buy")
    wait_ready(page)
    page.click(f"#select-{code}")
    page.fill("#card-number", "4242 4242 4242 4242")
    page.fill("#card-expiry", "12/39")
    page.fill("#card-cvc", "123")
    page.click("#pay-button")
    expect(page.locator("#success-text")).to_contain_text("770", timeout=LIVE_TIMEOUT)
    log_out(page)

    log_in(page, base_url, email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    open_console(page, base_url, "stats")
    expect(page.locator("#stat-revenue")).not_to_have_text("$0.00", timeout=LIVE_TIMEOUT)
    expect(page.locator("#stats-range-revenue")).not_to_contain_text("$0.00")
    page.click("#tab-purchases")
    page.fill("#purchase-user", buyer)
    page.click("#purchase-filter")
    expect(page.locator("#purchase-totals")).to_contain_text("1 purchases", timeout=LIVE_TIMEOUT)
    expect(page.locator(".admin-receipt")).to_have_count(1)
    with page.expect_download() as download:
        page.click("#purchase-export")
    assert buyer in download.value.path().read_text()

    page.click("#tab-users")
    find_user_id(page, buyer)
    expect(page.locator("#user-purchases")).to_contain_text("Mega", timeout=LIVE_TIMEOUT)


def test_admin_revokes_a_boost_and_its_effect_ends(browser: Browser, base_url: str) -> None:
    talent = browser.new_context(base_url=base_url).new_page()
    email = unique_email("boosted")
    sign_up(talent, base_url, email=email, name="Bo Boosted")
    complete_profile(talent, base_url)
    go(talent, base_url, "/castars/store", "#activate-PROFILE_BOOST")
    talent.click("#activate-PROFILE_BOOST")
    talent.click("#confirm-spend")
    toast(talent, "Profile Boost is active.")
    expect(talent.locator("#active-features")).to_contain_text("Profile Boost")

    admin = browser.new_context(base_url=base_url).new_page()
    log_in(admin, base_url, email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    open_console(admin, base_url, "boosts")
    row = admin.locator("tr").filter(has_text=email)
    expect(row).to_contain_text("Profile Boost", timeout=LIVE_TIMEOUT)
    row.get_by_role("button", name="Revoke").click()
    toast(admin, "Revoked: the effect ended now.")
    expect(admin.locator("tr").filter(has_text=email)).to_have_count(0)

    go(talent, base_url, "/castars/store", "#store-balance")
    expect(talent.locator("#active-features")).to_have_count(0, timeout=LIVE_TIMEOUT)
