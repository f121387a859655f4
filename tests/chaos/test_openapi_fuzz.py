"""schemathesis against ``/api/v1/openapi.json``: no 5xx, every answer as documented.

Runs in process against the same ASGI app the product serves (with its middleware),
on SQLite and, with ``TEST_DATABASE_URL``, PostgreSQL; a bounded number of examples
per operation, with a valid key (and without one: 401 is documented too).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from castyou.api.app import api
from castyou.settings import get_settings
from tests.factories import fund, make_user

pytestmark = pytest.mark.chaos
KEY = "fuzz-key-0123456789abcdef"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", api)


@pytest.fixture
def world(db, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CASTYOU_API_KEYS", KEY)
    get_settings.cache_clear()
    for _ in range(3):
        fund(db, make_user(db), 120)
    yield
    get_settings.cache_clear()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.parametrize("authorized", [True, False])
def test_service_api_answers_as_documented(case, world, authorized: bool) -> None:
    headers = {"Authorization": f"Bearer {KEY}"} if authorized else {}
    case.call_and_validate(headers=headers, checks=CHECKS)
