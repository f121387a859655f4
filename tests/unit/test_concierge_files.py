"""Reference and fulfilment files: checked by content, cleaned, and private."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import Session

from castyou.models.user import Role
from castyou.services.admin.concierge_files import fulfill_with_files
from castyou.services.concierge import files
from castyou.services.errors import Conflict, InvalidInput, NotFound
from tests import file_samples as samples
from tests.concierge_helpers import submit
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures("uploads_dir")


def _stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_png_and_a_pdf_are_stored_with_a_thumbnail_for_the_image(db: Session) -> None:
    user = make_user(db)
    request = submit(db, user)
    rows = files.attach_files(
        session=db,
        actor_id=user.id,
        request_id=request.id,
        uploads=[("../../etc/dot.PNG", samples.png_1px()), ("script.pdf", samples.pdf_minimal())],
    )
    png, pdf = rows
    assert (png.filename, png.content_type, png.width, png.height) == ("dot.png", "image/png", 1, 1)
    assert png.thumb_key is not None and len(png.public_id) >= 20
    assert (pdf.content_type, pdf.thumb_key, pdf.role) == ("application/pdf", None, "REFERENCE")
    _, thumb = files.read_file(
        session=db, actor_id=user.id, public_id=png.public_id, thumbnail=True
    )
    assert Image.open(io.BytesIO(thumb)).format == "JPEG"


def test_metadata_is_stripped_from_images(db: Session) -> None:
    user = make_user(db)
    request = submit(db, user)
    original = samples.jpeg_with_exif()
    assert b"SecretCam" in original
    (row,) = files.attach_files(
        session=db, actor_id=user.id, request_id=request.id, uploads=[("me.jpg", original)]
    )
    _, data = files.read_file(session=db, actor_id=user.id, public_id=row.public_id)
    assert b"SecretCam" not in data and b"private comment" not in data
    assert not Image.open(io.BytesIO(data)).getexif()


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("holiday.png", lambda: samples.ELF_HEADER, "files.bad_type"),
        ("huge.png", samples.oversized_png, "files.too_large"),
        ("cut.png", samples.truncated_png, "files.damaged"),
        ("cut.pdf", lambda: samples.pdf_minimal()[:-7], "files.damaged"),
        ("empty.png", lambda: b"", "files.empty"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    db: Session, uploads_dir: Path, name: str, make, code: str
) -> None:
    user = make_user(db)
    request = submit(db, user)
    with pytest.raises(InvalidInput) as caught:
        files.attach_files(
            session=db,
            actor_id=user.id,
            request_id=request.id,
            uploads=[("ok.png", samples.png_1px()), (name, make())],
        )
    assert caught.value.code == code
    assert _stored_files(uploads_dir) == []
    assert files.list_files(session=db, actor_id=user.id, request_id=request.id) == []


def test_at_most_five_files_per_request(db: Session) -> None:
    user = make_user(db)
    request = submit(db, user)
    png = samples.png_1px()
    files.attach_files(
        session=db, actor_id=user.id, request_id=request.id, uploads=[("a.png", png)] * 4
    )
    with pytest.raises(InvalidInput) as caught:
        files.attach_files(
            session=db, actor_id=user.id, request_id=request.id, uploads=[("b.png", png)] * 2
        )
    assert caught.value.code == "files.too_many"


def test_other_users_can_neither_attach_nor_read(db: Session) -> None:
    owner, other = make_user(db), make_user(db, Role.PRODUCER)
    admin = make_user(db, Role.ADMIN)
    request = submit(db, owner)
    (row,) = files.attach_files(
        session=db, actor_id=owner.id, request_id=request.id, uploads=[("a.png", samples.png_1px())]
    )
    with pytest.raises(NotFound):
        files.read_file(session=db, actor_id=other.id, public_id=row.public_id)
    with pytest.raises(NotFound):
        files.list_files(session=db, actor_id=other.id, request_id=request.id)
    with pytest.raises(NotFound):
        files.attach_files(
            session=db,
            actor_id=other.id,
            request_id=request.id,
            uploads=[("x.png", samples.png_1px())],
        )
    assert files.read_file(session=db, actor_id=admin.id, public_id=row.public_id)[0].id == row.id
    with pytest.raises(NotFound):
        files.read_file(session=db, actor_id=owner.id, public_id="A" * 22)


def test_an_admin_fulfils_with_a_file_and_then_nothing_more_can_be_attached(db: Session) -> None:
    owner, admin = make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, owner)
    done = fulfill_with_files(
        session=db,
        actor_id=admin.id,
        request_id=request.id,
        candidates=[],
        note="Shortlist attached",
        uploads=[("shortlist.pdf", samples.pdf_minimal())],
    )
    assert done.status == "FULFILLED"
    (row,) = files.list_files(session=db, actor_id=owner.id, request_id=request.id)
    assert (row.role, row.uploader_id) == ("FULFILMENT", admin.id)
    with pytest.raises(Conflict):
        files.attach_files(
            session=db,
            actor_id=owner.id,
            request_id=request.id,
            uploads=[("a.png", samples.png_1px())],
        )
