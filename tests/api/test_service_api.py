"""The service REST API: bearer keys, awards once, balances and ledger pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from castyou.api.app import api
from castyou.models.ledger import LedgerEntry
from castyou.models.user import Role
from castyou.settings import get_settings
from tests.factories import fund, make_user

KEY = "service-key-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture
def client(db, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("CASTYOU_API_KEYS", f"other-key-0123456789abcdef,{KEY}")
    get_settings.cache_clear()
    with TestClient(api) as test_client:
        yield test_client
    get_settings.cache_clear()


def _award(client: TestClient, user_id, rule="hired", subject_id="job-1", headers=AUTH):
    body = {"user_id": user_id, "rule": rule, "subject_id": subject_id}
    return client.post("/api/v1/awards", json=body, headers=headers)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-key-0123456789abcdef"}, {"Authorization": KEY}],
)
def test_missing_or_wrong_key_is_refused_and_changes_nothing(client, db, headers):
    user = make_user(db)
    response = _award(client, user.id, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert client.get(f"/api/v1/users/{user.id}/balance", headers=headers).status_code == 401
    assert client.get(f"/api/v1/users/{user.id}/ledger", headers=headers).status_code == 401
    assert db.exec(select(LedgerEntry)).all() == []


def test_award_pays_once_and_a_repeat_returns_the_original_entry(client, db):
    user = make_user(db)
    first = _award(client, user.id)
    assert first.status_code == 200
    body = first.json()
    assert body["awarded"] == 200 and body["balance"] == 200 and body["entry_id"]
    again = _award(client, user.id).json()
    assert again == {
        "awarded": 0,
        "balance": 200,
        "entry_id": body["entry_id"],
        "reason": "duplicate",
    }
    assert len(db.exec(select(LedgerEntry)).all()) == 1


def test_a_reached_cap_answers_200_with_the_reason(client, db):
    talent = make_user(db)
    producers = [make_user(db, Role.PRODUCER) for _ in range(4)]
    results = [
        _award(client, talent.id, "profile_viewed", producer.id).json() for producer in producers
    ]
    assert [r["awarded"] for r in results] == [5, 5, 5, 0]
    assert results[-1]["reason"] == "daily_cap" and results[-1]["balance"] == 15


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"user_id": 999_999, "rule": "hired", "subject_id": "j"}, 404),
        ({"user_id": "USER", "rule": "hired", "subject_id": "j"}, 422),
        ({"rule": "hired", "subject_id": "j"}, 422),
        ({"user_id": 0, "rule": "hired", "subject_id": "j"}, 422),
        ({"user_id": True, "rule": "hired", "subject_id": "j"}, 422),
        ({"user_id": "{me}", "rule": "free_money", "subject_id": "j"}, 422),
        ({"user_id": "{me}", "rule": "hired", "subject_id": ""}, 422),
        ({"user_id": "{me}", "rule": "hired", "subject_id": None}, 422),
    ],
)
def test_unknown_user_rule_or_bad_body_is_a_json_error(client, db, body, status):
    user = make_user(db)
    body = {k: (user.id if v == "{me}" else v) for k, v in body.items()}
    response = client.post("/api/v1/awards", json=body, headers=AUTH)
    assert response.status_code == status
    assert response.json()["error"]["message"]
    assert db.exec(select(LedgerEntry)).all() == []


def test_balance_and_lifetime(client, db):
    user = make_user(db)
    fund(db, user, 700)
    response = client.get(f"/api/v1/users/{user.id}/balance", headers=AUTH)
    assert response.json() == {"balance": 700, "lifetime_stars": 700}
    assert client.get("/api/v1/users/424242/balance", headers=AUTH).status_code == 404


def test_ledger_pages_with_a_cursor(client, db):
    user = make_user(db)
    for n in range(5):
        fund(db, user, 10 + n)
    url = f"/api/v1/users/{user.id}/ledger"
    first = client.get(url, params={"first": 3}, headers=AUTH).json()
    assert [item["delta"] for item in first["items"]] == [14, 13, 12]
    assert first["items"][0]["balance"] == 60 and first["items"][0]["source"] == "EARNED"
    rest = client.get(url, params={"first": 3, "after": first["next_cursor"]}, headers=AUTH).json()
    assert [item["delta"] for item in rest["items"]] == [11, 10]
    assert rest["next_cursor"] is None


@pytest.mark.parametrize("params", [{"first": 0}, {"first": 101}, {"after": "not-a-cursor"}])
def test_bad_page_arguments_are_refused(client, db, params):
    user = make_user(db)
    response = client.get(f"/api/v1/users/{user.id}/ledger", params=params, headers=AUTH)
    assert response.status_code == 422
    assert "error" in response.json()


def test_openapi_documents_the_service_routes(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/awards", "/users/{user_id}/balance", "/users/{user_id}/ledger"} <= set(
        schema["paths"]
    )
    assert "hired" in schema["components"]["schemas"]["AwardIn"]["properties"]["rule"]["enum"]
