"""``/api/session``: a one-time claim buys the HttpOnly cookie; DELETE ends the session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from castyou.api.app import api
from castyou.models.user import AuthSession, SessionClaim
from castyou.services import accounts
from castyou.services.errors import NotAuthenticated
from tests.factories import login_token, make_user

ORIGIN = "http://localhost:3000"  # the settings' default public URL
SAME = {"Origin": ORIGIN}


def _client() -> TestClient:
    return TestClient(api, base_url="http://testserver")


def _claim(db: Session) -> tuple[str, int]:
    user = make_user(db)
    assert user.id is not None
    return accounts.issue_claim(session=db, token=login_token(db, user)), user.id


def test_a_claim_buys_the_cookie_once(db: Session) -> None:
    claim, user_id = _claim(db)
    client = _client()
    answer = client.post("/api/session", json={"claim": claim}, headers=SAME)
    assert answer.status_code == 204
    header = answer.headers["set-cookie"]
    assert "HttpOnly" in header and "SameSite=lax" in header and "Path=/" in header
    assert "Secure" not in header  # plain-http localhost
    token = answer.cookies[accounts.SESSION_COOKIE]
    user = accounts.user_for_token(session=db, token=token)
    assert user is not None and user.id == user_id
    again = client.post("/api/session", json={"claim": claim}, headers=SAME)
    assert again.status_code == 400 and "set-cookie" not in again.headers
    assert db.exec(select(SessionClaim)).all() == []


def test_the_cookie_is_secure_off_localhost(db: Session) -> None:
    claim, _ = _claim(db)
    client = TestClient(api, base_url="https://castyou.example")
    answer = client.post(
        "/api/session", json={"claim": claim}, headers={"Origin": "https://castyou.example"}
    )
    assert answer.status_code == 204
    assert "Secure" in answer.headers["set-cookie"]


def test_another_origin_or_none_is_refused(db: Session) -> None:
    claim, _ = _claim(db)
    client = _client()
    for headers in ({"Origin": "https://evil.example"}, {}):
        answer = client.post("/api/session", json={"claim": claim}, headers=headers)
        assert answer.status_code == 403 and "set-cookie" not in answer.headers
    assert client.post("/api/session", json={"claim": claim}, headers=SAME).status_code == 204


def test_an_expired_or_forged_claim_is_refused(db: Session) -> None:
    claim, _ = _claim(db)
    row = db.exec(select(SessionClaim)).one()
    row.expires_at -= accounts.CLAIM_LIFETIME + timedelta(seconds=1)
    db.add(row)
    db.commit()
    client = _client()
    for body in ({"claim": claim}, {"claim": "forged"}, {"claim": 5}, ["x"]):
        assert client.post("/api/session", json=body, headers=SAME).status_code == 400
    assert client.post("/api/session", content=b"{", headers=SAME).status_code == 400


def test_a_claim_is_only_made_for_a_live_session(db: Session) -> None:
    user = make_user(db)
    token = login_token(db, user)
    accounts.log_out(session=db, token=token)
    with pytest.raises(NotAuthenticated):
        accounts.issue_claim(session=db, token=token)


def test_delete_ends_the_session_and_expires_the_cookie(db: Session) -> None:
    user = make_user(db)
    token = login_token(db, user)
    client = _client()
    cookie = {"Cookie": f"{accounts.SESSION_COOKIE}={token}"}
    assert client.delete("/api/session", headers=cookie).status_code == 403  # no Origin
    answer = client.delete("/api/session", headers={**SAME, **cookie})
    assert answer.status_code == 204
    assert f"{accounts.SESSION_COOKIE}=" in answer.headers["set-cookie"]
    assert "Max-Age=0" in answer.headers["set-cookie"]
    assert db.exec(select(AuthSession)).all() == []
