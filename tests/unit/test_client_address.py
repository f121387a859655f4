"""Client addresses: X-Forwarded-For counts only through the configured trusted hops."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from reflex.app import EventNamespace
from reflex.istate.data import RouterData

from castyou.api.app import api
from castyou.client_address import resolve_client_address, scope_client_address
from castyou.logging_setup import JsonFormatter
from castyou.settings import get_settings
from castyou.state.auth import AuthFormState
from castyou.state.client_address import client_address
from tests.state_helpers import new_state

PEER = "10.0.0.9"  # the last proxy, or the client itself without proxies

CASES = [
    # (hops, X-Forwarded-For, expected client)
    (0, None, PEER),
    (0, "6.6.6.6", PEER),  # no trusted proxy: the header is the client's own claim
    (1, None, PEER),
    (1, "203.0.113.7", "203.0.113.7"),
    (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # spoofed entry left of the proxy's
    (1, " 6.6.6.6 ,, 203.0.113.7 ", "203.0.113.7"),
    (2, "203.0.113.7, 10.0.0.2", "203.0.113.7"),
    (2, "6.6.6.6, 1.1.1.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
    (2, "203.0.113.7", PEER),  # shorter than the trusted chain: not through every proxy
    (1, "2001:db8::1", "2001:db8::1"),
]


@pytest.mark.parametrize(("hops", "forwarded_for", "expected"), CASES)
def test_forwarded_for_is_read_through_trusted_hops_only(hops, forwarded_for, expected):
    assert resolve_client_address(peer=PEER, forwarded_for=forwarded_for, hops=hops) == expected


def test_a_huge_or_missing_address_is_bounded():
    assert len(resolve_client_address(peer=None, forwarded_for="9" * 500, hops=1)) == 64
    assert resolve_client_address(peer=None, forwarded_for=None, hops=0) == "unknown"


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Set CASTYOU_TRUSTED_PROXY_HOPS (settings) and Reflex's trusted_proxy_hops alike."""
    from reflex_base.config import get_config

    def set_hops(value: int) -> None:
        monkeypatch.setenv("CASTYOU_TRUSTED_PROXY_HOPS", str(value))
        monkeypatch.setattr(get_config(), "trusted_proxy_hops", value)
        get_settings.cache_clear()

    yield set_hops
    get_settings.cache_clear()


def _headers(forwarded_for: str | None) -> list[tuple[bytes, bytes]]:
    return [(b"x-forwarded-for", forwarded_for.encode())] if forwarded_for is not None else []


@pytest.mark.parametrize(("hops_", "forwarded_for", "expected"), CASES)
def test_websocket_events_resolve_the_same_address(hops, hops_, forwarded_for, expected):
    hops(hops_)
    environ = {"asgi.scope": {"client": (PEER, 50000), "headers": _headers(forwarded_for)}}
    router_data = EventNamespace._build_static_router_data(None, "sid", environ)  # type: ignore[arg-type]
    state = new_state(AuthFormState)
    state.router = RouterData.from_router_data(router_data)
    assert client_address(state) == expected
    assert state._client_key() == expected
    scope = {"client": (PEER, 50000), "headers": _headers(forwarded_for)}
    assert scope_client_address(scope) == expected


def test_repeated_forwarded_for_headers_combine_in_order(hops):
    hops(1)
    scope = {
        "client": (PEER, 1),
        "headers": [(b"x-forwarded-for", b"6.6.6.6"), (b"X-Forwarded-For", b"203.0.113.7")],
    }
    assert scope_client_address(scope) == "203.0.113.7"


def test_the_api_access_log_names_the_resolved_client(engine, hops):
    hops(1)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger("castyou").addHandler(handler)
    try:
        TestClient(api).get("/api/health", headers={"X-Forwarded-For": "6.6.6.6, 203.0.113.7"})
    finally:
        logging.getLogger("castyou").removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    (line,) = [entry for entry in lines if entry["msg"] == "http request"]
    assert line["client"] == "203.0.113.7"
