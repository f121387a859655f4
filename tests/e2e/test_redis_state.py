"""With REDIS_URL set, the app keeps its Reflex state in Redis (so workers can share it)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page

from castyou.services.demo import DEMO_PASSWORD
from tests.e2e.helpers import log_in

REDIS_URL = os.environ.get("REDIS_URL")


@pytest.mark.skipif(
    not REDIS_URL, reason="REDIS_URL not set: the app runs the memory state manager"
)
def test_signed_in_state_lives_in_redis(page: Page, base_url: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL or "")
    before = set(client.scan_iter(match="*session_state*"))
    log_in(page, base_url, email="producer@demo.castyou.test", password=DEMO_PASSWORD)
    after = set(client.scan_iter(match="*session_state*"))
    assert after - before, "no Reflex state was written to Redis for the new session"
