"""In a real browser: the session cookie is HttpOnly and leaves with the log out."""

from __future__ import annotations

import time

from playwright.sync_api import Page

from castyou.services.accounts import SESSION_COOKIE, SESSION_LIFETIME
from tests.e2e.helpers import log_in, log_out

ADMIN = {"email": "admin@demo.castyou.test", "password": "castyou-demo"}


def _session_cookies(page: Page) -> list[dict]:
    return [c for c in page.context.cookies() if c["name"] == SESSION_COOKIE]


def test_page_scripts_cannot_read_the_session_cookie(page: Page, base_url: str) -> None:
    log_in(page, base_url, **ADMIN)
    [cookie] = _session_cookies(page)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert cookie["expires"] > time.time() + SESSION_LIFETIME.total_seconds() - 120
    assert SESSION_COOKIE not in page.evaluate("document.cookie")
    assert page.evaluate(f"window.localStorage.getItem('{SESSION_COOKIE}')") is None
    log_out(page)
    assert _session_cookies(page) == []
