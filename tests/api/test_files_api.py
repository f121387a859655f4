"""GET /api/files/<id>: served to the requester and admins only; everyone else gets 404."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from castyou.api.app import api
from castyou.models.user import Role
from castyou.services.accounts import SESSION_COOKIE
from castyou.services.concierge import files
from castyou.services.concierge.file_links import file_link
from tests import file_samples as samples
from tests.concierge_helpers import submit
from tests.factories import login_token, make_user

pytestmark = pytest.mark.usefixtures("uploads_dir")


def _attached(db: Session):  # type: ignore[no-untyped-def]
    owner, other, admin = make_user(db), make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, owner)
    (row,) = files.attach_files(
        session=db, actor_id=owner.id, request_id=request.id, uploads=[("a.png", samples.png_1px())]
    )
    return owner, other, admin, row


def test_signed_links_work_for_the_owner_and_admins_only(db: Session) -> None:
    owner, other, admin, row = _attached(db)
    client = TestClient(api)
    response = client.get(file_link(row.public_id, viewer_id=owner.id))
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-content-type-options"] == "nosniff"
    thumb = client.get(file_link(row.public_id, viewer_id=admin.id, thumbnail=True))
    assert (thumb.status_code, thumb.headers["content-type"]) == (200, "image/jpeg")
    for_other = client.get(file_link(row.public_id, viewer_id=other.id))
    assert for_other.status_code == 404
    forged = file_link(row.public_id, viewer_id=owner.id).replace(f"v={owner.id}", f"v={other.id}")
    assert client.get(forged).status_code == 404
    assert client.get(f"/api/files/{row.public_id}").status_code == 404


def test_a_session_token_works_and_a_missing_file_looks_the_same(db: Session) -> None:
    owner, other, _, row = _attached(db)
    client = TestClient(api)
    mine = {"Authorization": f"Bearer {login_token(db, owner)}"}
    theirs = {"Authorization": f"Bearer {login_token(db, other)}"}
    assert client.get(f"/api/files/{row.public_id}", headers=mine).status_code == 200
    refused = client.get(f"/api/files/{row.public_id}", headers=theirs)
    missing = client.get("/api/files/" + "x" * 22, headers=mine)
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()


def test_the_session_cookie_works_like_the_bearer_token(db: Session) -> None:
    owner, other, _, row = _attached(db)
    client = TestClient(api)
    mine = {"Cookie": f"theme=dark; {SESSION_COOKIE}={login_token(db, owner)}"}
    theirs = {"Cookie": f"{SESSION_COOKIE}={login_token(db, other)}"}
    assert client.get(f"/api/files/{row.public_id}", headers=mine).status_code == 200
    assert client.get(f"/api/files/{row.public_id}", headers=theirs).status_code == 404
