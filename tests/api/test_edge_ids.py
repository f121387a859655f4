"""Ids above 2**63 and huge cursors on the service API: 4xx JSON, nothing paid."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from castyou.api.app import api
from castyou.models.ledger import LedgerEntry
from castyou.settings import get_settings
from tests.factories import make_user

KEY = "service-key-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
BIG = str(2**63)


@pytest.fixture
def client(db, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("CASTYOU_API_KEYS", KEY)
    get_settings.cache_clear()
    with TestClient(api, raise_server_exceptions=False) as test_client:
        yield test_client
    get_settings.cache_clear()


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/users/{BIG}/balance",
        f"/api/v1/users/{2**64 + 1}/balance",
        "/api/v1/users/%C2%B2/balance",
        f"/api/v1/users/1/ledger?after={_cursor('e' + BIG)}",
        f"/api/v1/users/1/ledger?after={_cursor('e' + str(10**20))}",
        f"/api/v1/users/1/ledger?after={BIG}",
    ],
)
def test_huge_ids_and_cursors_are_422_json(client, db, path):
    make_user(db)
    response = client.get(path, headers=AUTH)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"]


@pytest.mark.parametrize("user_id", [BIG, 2**63, 2**64, 10**20, '"²"'])
def test_awards_to_huge_or_superscript_user_ids_are_4xx_and_pay_nothing(client, db, user_id):
    make_user(db)
    body = f'{{"user_id": {user_id}, "rule": "hired", "subject_id": "job-1"}}'
    response = client.post("/api/v1/awards", content=body.encode(), headers=AUTH)
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert db.exec(select(LedgerEntry)).all() == []
