"""Journeys in local payment mode: buy with a test card, see the stars live, open the receipt."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import log_out, sign_up, unique_email, wait_ready

LIVE_TIMEOUT = 20_000


def open_buy_page(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/castars/buy")
    wait_ready(page)
    expect(page.locator("#test-mode-badge")).to_have_text("Test mode", timeout=LIVE_TIMEOUT)


def pay_with(page: Page, number: str) -> None:
    page.fill("#card-number", number)
    page.fill("#card-expiry", "12/39")
    page.fill("#card-cvc", "123")
    page.click("#pay-button")


def test_buy_popular_with_4242_adds_1650_and_gives_a_receipt(page: Page, base_url: str) -> None:
    sign_up(page, base_url, email=unique_email("buyer"), name="Bea Buyer")
    open_buy_page(page, base_url)
    expect(page.locator("#bundle-popular")).to_contain_text("Best Value")
    expect(page.locator("#bundle-popular")).to_contain_text("+150 bonus (10%)")
    expect(page.locator("#bundle-popular")).to_contain_text("$12.99")
    page.click("#select-popular")
    expect(page.locator("#checkout-summary")).to_have_text("Popular: 1,650 CasTars for $12.99")
    pay_with(page, "4242 4242 4242 4242")
    expect(page.locator("#success-text")).to_have_text(
        "1,650 CasTars were added. Your balance is now 1,650 CasTars.", timeout=LIVE_TIMEOUT
    )
    page.click("#receipt-link")
    expect(page).to_have_url(re.compile(r"/castars/receipts/\d+/?$"), timeout=LIVE_TIMEOUT)
    expect(page.locator("#receipt-stars")).to_have_text("1,650", timeout=LIVE_TIMEOUT)
    expect(page.locator("#receipt-amount")).to_have_text("$12.99")
    expect(page.locator("#receipt-bundle")).to_have_text("Popular")
    expect(page.locator("#receipt-number")).to_have_text(re.compile(r"^CT-\d{8}$"))
    expect(page.locator("#receipt-payment-id")).to_have_text(re.compile(r"^pi_"))
    receipt_url = page.url

    page.goto(f"{base_url}/castars")
    wait_ready(page)
    page.locator(".receipt-link").first.click()
    expect(page).to_have_url(receipt_url, timeout=LIVE_TIMEOUT)
    expect(page.locator("#receipt-stars")).to_have_text("1,650", timeout=LIVE_TIMEOUT)

    log_out(page)
    sign_up(page, base_url, email=unique_email("snoop"), name="Sam Snoop")
    page.goto(receipt_url)
    expect(page.locator("#receipt-not-found")).to_be_visible(timeout=LIVE_TIMEOUT)
    expect(page.locator("#receipt-payment-id")).to_have_count(0)


def test_declined_card_shows_the_error_and_changes_nothing(page: Page, base_url: str) -> None:
    sign_up(page, base_url, email=unique_email("declined"), name="Dee Declined")
    open_buy_page(page, base_url)
    page.click("#select-starter")
    pay_with(page, "4000 0000 0000 0002")
    expect(page.locator("#pay-error")).to_have_text(
        "Payment failed: Your card was declined.", timeout=LIVE_TIMEOUT
    )
    expect(page.locator("#purchase-success")).to_have_count(0)
    expect(page.locator("#card-number")).to_have_value("4000 0000 0000 0002")
    pay_with(page, "4242 4242 4242 4242")
    expect(page.locator("#success-text")).to_have_text(
        "500 CasTars were added. Your balance is now 500 CasTars.", timeout=LIVE_TIMEOUT
    )


def test_buy_page_fits_a_phone(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    sign_up(page, base_url, email=unique_email("phone"), name="Pia Phone")
    open_buy_page(page, base_url)
    expect(page.locator("#bundle-pro")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.click("#select-pro")
    expect(page.locator("#pay-button")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
