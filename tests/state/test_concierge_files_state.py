"""The files state: a requester uploads references; another user is refused with a message."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import reflex as rx
from sqlmodel import Session

from castyou.models.user import Role
from castyou.services.concierge import files
from castyou.state.concierge_files import ConciergeFilesState
from tests import file_samples as samples
from tests.concierge_helpers import submit
from tests.factories import login_token, make_user
from tests.state_helpers import call, new_state, rendered

pytestmark = pytest.mark.usefixtures("uploads_dir")


def _upload(name: str, data: bytes) -> rx.UploadFile:
    return rx.UploadFile(file=io.BytesIO(data), path=Path(name), size=len(data))


def test_the_requester_uploads_and_sees_signed_links(db: Session) -> None:
    owner = make_user(db)
    request = submit(db, owner)
    state = new_state(ConciergeFilesState, login_token(db, owner))
    call(state, "show_files", request.id)
    uploads = [_upload("a.png", samples.png_1px()), _upload("b.pdf", samples.pdf_minimal())]
    result = call(state, "upload", uploads)
    assert "2 file(s) attached." in rendered(result)
    png, pdf = state.files
    assert png.thumb_url.startswith(f"/api/files/{png.id}?v={owner.id}&")
    assert pdf.thumb_url == "" and not png.team


def test_a_renamed_executable_is_refused_with_a_translated_message(db: Session) -> None:
    owner = make_user(db)
    owner.language = "pt"
    db.add(owner)
    db.commit()
    request = submit(db, owner)
    state = new_state(ConciergeFilesState, login_token(db, owner))
    state.ui_lang = "pt"
    call(state, "show_files", request.id)
    result = call(state, "upload", [_upload("cat.png", samples.ELF_HEADER)])
    assert "só é possível anexar imagens PNG" in rendered(result)
    assert files.list_files(session=db, actor_id=owner.id, request_id=request.id) == []


def test_another_user_can_neither_see_nor_upload(db: Session) -> None:
    owner, other = make_user(db), make_user(db, Role.PRODUCER)
    request = submit(db, owner)
    files.attach_files(
        session=db, actor_id=owner.id, request_id=request.id, uploads=[("a.png", samples.png_1px())]
    )
    state = new_state(ConciergeFilesState, login_token(db, other))
    shown = call(state, "show_files", request.id)
    assert "This request does not exist." in rendered(shown) and state.files == []
    state.files_request_id = request.id  # any client can set the var; the service still refuses
    result = call(state, "upload", [_upload("x.png", samples.png_1px())])
    assert "This request does not exist." in rendered(result)
    assert len(files.list_files(session=db, actor_id=owner.id, request_id=request.id)) == 1
