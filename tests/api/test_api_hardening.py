"""The REST API under odd input and faults: 4xx/503 JSON, never a 500 page, never a hang."""

from __future__ import annotations

import base64
import sqlite3
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import exc as sa_exc
from sqlmodel import select

from castyou import db as castyou_db
from castyou.api import health
from castyou.api.app import api
from castyou.api.webhook_lane import webhook_lane
from castyou.db import make_engine
from castyou.models.ledger import LedgerEntry
from castyou.models.user import Role
from castyou.services.castars import ledger
from castyou.services.payments import webhooks
from castyou.settings import get_settings
from tests.factories import make_user

KEY = "service-key-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}


@pytest.fixture
def client(db, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("CASTYOU_API_KEYS", KEY)
    get_settings.cache_clear()
    with TestClient(webhook_lane(api), raise_server_exceptions=False) as test_client:
        yield test_client
    get_settings.cache_clear()


def _is_error(response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()["error"]
    assert body["code"] and body["message"]


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/users/2147483648/balance",
        "/api/v1/users/9223372036854775808/ledger",
        "/api/v1/users/99999999999999999999999999/balance",
        "/api/v1/users/-1/balance",
        "/api/v1/users/%00/balance",
        "/api/v1/users/%ED%A0%80/balance",
        "/api/v1/users/1/ledger?after=" + _cursor("e" + "9" * 40),
        "/api/v1/users/1/ledger?after=" + _cursor("e2147483648"),
        "/api/v1/users/1/ledger?after=" + _cursor("e\u0661"),
        "/api/v1/users/1/ledger?after=%00",
        "/api/v1/users/1/ledger?after=" + "A" * 65,
        "/api/v1/users/1/ledger?first=99999999999999999999999",
    ],
)
def test_ids_and_cursors_out_of_range_are_422(client, db, path):
    make_user(db)
    _is_error(client.get(path, headers=AUTH), 422)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"user_id": 2147483648, "rule": "hired", "subject_id": "j"}',
        b'{"user_id": 9223372036854775808, "rule": "hired", "subject_id": "j"}',
        b'{"user_id": 1e400, "rule": "hired", "subject_id": "j"}',
        b'{"user_id": {me}, "rule": "hired", "subject_id": "a\\u0000b"}',
        b'{"user_id": {me}, "rule": "hired", "subject_id": "\\ud800"}',
        b'{"user_id": {me}, "rule": "hired", "subject_id": "x y"}',
        b'{"user_id": {me}, "rule": "hired", "subject_id": 9223372036854775808}',
        b'{"user_id": {me}, "rule": "profile_viewed", "subject_id": "99999999999999999999"}',
        b'{"user_id": {me}, "rule": "profile_viewed", "subject_id": "\\u0661"}',
        b'{"user_id": {me}, "rule": "\\ud800", "subject_id": "j"}',
        b'{"user_id": {me}, "rule": "hired", "subject_id": "' + b"x" * 65 + b'"}',
        b"[]",
        b"null",
        b"7",
        b'{"user_id": \xff\xfe}',
        b"[" * 5000 + b"]" * 5000,
        b"{not json",
    ],
)
def test_junk_award_bodies_are_4xx_json_and_pay_nothing(client, db, raw):
    user = make_user(db)
    make_user(db, Role.PRODUCER)
    response = client.post(
        "/api/v1/awards", content=raw.replace(b"{me}", str(user.id).encode()), headers=AUTH
    )
    assert 400 <= response.status_code < 500, response.text
    _is_error(response, response.status_code)
    assert db.exec(select(LedgerEntry)).all() == []


def test_unknown_routes_and_methods_are_json(client):
    _is_error(client.get("/api/v1/nowhere", headers=AUTH), 404)
    _is_error(client.delete("/api/v1/awards", headers=AUTH), 405)
    _is_error(client.get("/api/nowhere"), 404)


@pytest.mark.allow_error_logs
def test_an_unexpected_error_is_a_json_500(client, db, monkeypatch):
    user = make_user(db)

    def broken(**_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ledger, "get_balance", broken)
    response = client.get(f"/api/v1/users/{user.id}/balance", headers=AUTH)
    _is_error(response, 500)
    assert "boom" not in response.text


def test_a_transient_database_fault_is_503_with_retry_after(client, db, monkeypatch):
    user = make_user(db)

    def disk_full(**_kwargs):
        raise sa_exc.OperationalError(
            "INSERT", {}, sqlite3.OperationalError("database or disk is full")
        )

    monkeypatch.setattr(ledger, "get_balance", disk_full)
    response = client.get(f"/api/v1/users/{user.id}/balance", headers=AUTH)
    _is_error(response, 503)
    assert response.headers["retry-after"] == "2"


def _chunks(total: int, size: int = 4096) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b" " * min(size, total - sent)
        sent += size


@pytest.mark.parametrize(
    ("path", "size", "chunked"),
    [
        ("/api/v1/awards", 16 * 1024 + 1, False),
        ("/api/v1/awards", 64 * 1024, True),
        ("/api/stripe/webhook", 512_001, False),
        ("/api/stripe/webhook", 600_000, True),
    ],
)
def test_bodies_over_the_limit_are_413_also_when_chunked(client, path, size, chunked):
    content = _chunks(size) if chunked else b" " * size
    response = client.post(path, content=content, headers=AUTH)
    _is_error(response, 413)


def test_a_webhook_body_under_its_limit_reaches_the_route(client):
    response = client.post("/api/stripe/webhook", content=b" " * 100_000, headers=AUTH)
    assert response.status_code == 400  # not signed, but read


def test_a_request_past_the_deadline_is_503_not_a_hang(client, db, monkeypatch):
    user = make_user(db)
    monkeypatch.setenv("CASTYOU_REQUEST_TIMEOUT", "0.5")
    get_settings.cache_clear()

    def stalled(**_kwargs):
        time.sleep(2)
        raise AssertionError("the answer was already sent")

    monkeypatch.setattr(ledger, "get_balance", stalled)
    started = time.monotonic()
    response = client.get(f"/api/v1/users/{user.id}/balance", headers=AUTH)
    assert time.monotonic() - started < 1.8
    _is_error(response, 503)
    assert response.headers["retry-after"]


def test_health_needs_no_database_and_ready_does(client, monkeypatch):
    assert client.get("/api/ready").json() == {"status": "ready"}

    def stalled() -> None:
        time.sleep(4)

    monkeypatch.setattr(health, "_ping", stalled)
    started = time.monotonic()
    _is_error(client.get("/api/ready"), 503)
    assert time.monotonic() - started < health.READY_TIMEOUT_S + 1
    monkeypatch.setattr(castyou_db, "get_engine", lambda: pytest.fail("health touched the db"))
    assert client.get("/api/health").json() == {"status": "ok"}


def test_openapi_documents_every_error_status(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            documented = set(operation["responses"])
            assert {"401", "404", "409", "422", "503"} <= documented, (path, method)
            error = operation["responses"]["422"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorOut"}


def test_a_database_that_refuses_connections_is_a_quick_503(client, db, monkeypatch):
    refused = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")
    monkeypatch.setattr(castyou_db, "get_engine", lambda: refused)
    started = time.monotonic()
    response = client.get("/api/v1/users/1/balance", headers=AUTH)
    _is_error(response, 503)
    assert response.headers["retry-after"]
    _is_error(client.get("/api/ready"), 503)
    assert client.get("/api/health").status_code == 200
    assert time.monotonic() - started < 5
    refused.dispose()


def test_the_api_not_found_route_comes_after_every_other_route():
    # Routes match in order: anything added after the catch-all would never be reached.
    paths = [getattr(route, "path", "") for route in api.routes]
    assert paths[-1] == "/api/{rest:path}", paths


def test_a_transient_fault_in_a_webhook_delivery_is_503_with_retry_after(client, monkeypatch):
    def read_only(**_kwargs):
        raise sa_exc.OperationalError(
            "INSERT", {}, sqlite3.OperationalError("attempt to write a readonly database")
        )

    monkeypatch.setattr(webhooks, "handle_webhook", read_only)
    response = client.post("/api/stripe/webhook", content=b"{}", headers=AUTH)
    _is_error(response, 503)
    assert response.headers["retry-after"] == "2"
    assert response.headers["x-request-id"]
