"""Files on a concierge request: the requester's references, the team's fulfilment files.

Every file is checked by content (:mod:`file_checks`), stored under a random key
and recorded with a random public id. Only the requester and admins can list or
read a request's files; anyone else gets NotFound, exactly as for a missing file.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Sequence

from sqlmodel import Session, col, func, select

from castyou.db import transaction
from castyou.models.concierge import ConciergeRequest, ConciergeStatus
from castyou.models.support import ConciergeFile, FileRole
from castyou.services.admin.audit import record_admin_action
from castyou.services.concierge.core import AUDIT_TARGET, record_event
from castyou.services.concierge.file_checks import CleanFile, clean_upload
from castyou.services.concierge.requester import get_visible_request
from castyou.services.errors import Conflict, InvalidInput, NotFound
from castyou.services.roles import is_admin
from castyou.storage import Storage, get_storage

MAX_FILES_PER_ROLE = 5
NAME_MAX = 120
OPEN = (ConciergeStatus.PENDING.value, ConciergeStatus.IN_PROGRESS.value)
_PUBLIC_ID_RE = re.compile(r"^[A-Za-z0-9_-]{16,32}$")
_UNSAFE_NAME = re.compile(r"[^\w .()-]+")


def clean_filename(name: object, extension: str) -> str:
    """A display name: no path, no control characters, the extension the content proved."""
    raw = name if isinstance(name, str) else ""
    base = unicodedata.normalize("NFC", raw.replace("\\", "/").rsplit("/", 1)[-1])
    stem = _UNSAFE_NAME.sub("_", base.rsplit(".", 1)[0] if "." in base else base).strip(" ._")
    return (stem[: NAME_MAX - len(extension)] or "file") + extension


def _role_for(session: Session, request: ConciergeRequest, actor_id: int) -> FileRole:
    if is_admin(session, actor_id):
        return FileRole.FULFILMENT
    if request.user_id == actor_id:
        return FileRole.REFERENCE
    raise NotFound("concierge.not_found")


def _count(session: Session, request_id: int, role: FileRole) -> int:
    return session.exec(
        select(func.count())
        .select_from(ConciergeFile)
        .where(ConciergeFile.request_id == request_id, ConciergeFile.role == role.value)
    ).one()


def check_uploads(uploads: Sequence[tuple[str, bytes]]) -> list[tuple[str, CleanFile]]:
    """Every upload cleaned, or InvalidInput for the first bad one (nothing is stored)."""
    if not uploads:
        raise InvalidInput("files.none")
    if len(uploads) > MAX_FILES_PER_ROLE:
        raise InvalidInput("files.too_many", max=MAX_FILES_PER_ROLE)
    cleaned = []
    for name, data in uploads:
        try:
            clean = clean_upload(data)
        except InvalidInput as error:
            error.params = {**error.params, "name": clean_filename(name, "")}
            raise
        cleaned.append((clean_filename(name, clean.extension), clean))
    return cleaned


def attach_files(
    *, session: Session, actor_id: int, request_id: int, uploads: Sequence[tuple[str, bytes]]
) -> list[ConciergeFile]:
    """Attach up to five files to an open request: the requester's references or,
    from an admin, fulfilment files. All are stored or none (the rows and the blobs)."""
    cleaned = check_uploads(uploads)
    storage = get_storage()
    stored: list[str] = []
    try:
        with transaction(session):
            request = get_visible_request(session=session, actor_id=actor_id, request_id=request_id)
            role = _role_for(session, request, actor_id)
            if str(request.status) not in OPEN:
                raise Conflict("files.request_closed")
            if _count(session, request_id, role) + len(cleaned) > MAX_FILES_PER_ROLE:
                raise InvalidInput("files.too_many", max=MAX_FILES_PER_ROLE)
            rows = [_store(storage, stored, request_id, actor_id, role, n, c) for n, c in cleaned]
            session.add_all(rows)
            session.flush()
            _record(session, request, actor_id, role, rows)
    except BaseException:
        for key in stored:
            storage.delete(key)
        raise
    return rows


def _store(
    storage: Storage,
    stored: list[str],
    request_id: int,
    actor_id: int,
    role: FileRole,
    name: str,
    clean: CleanFile,
) -> ConciergeFile:
    key = secrets.token_urlsafe(24)
    storage.put(key, clean.data)
    stored.append(key)
    thumb_key = None
    if clean.thumbnail is not None:
        thumb_key = key + "_t"
        storage.put(thumb_key, clean.thumbnail)
        stored.append(thumb_key)
    return ConciergeFile(
        public_id=secrets.token_urlsafe(16),
        request_id=request_id,
        uploader_id=actor_id,
        role=role,
        filename=name,
        content_type=clean.content_type,
        size_bytes=len(clean.data),
        storage_key=key,
        thumb_key=thumb_key,
        width=clean.width,
        height=clean.height,
    )


def _record(
    session: Session,
    request: ConciergeRequest,
    actor_id: int,
    role: FileRole,
    rows: list[ConciergeFile],
) -> None:
    names = ", ".join(row.filename for row in rows)
    record_event(session, request, actor_id=actor_id, kind="files", note=names)
    if role == FileRole.FULFILMENT:
        record_admin_action(
            session=session,
            admin_id=actor_id,
            action="concierge.files_attached",
            target_type=AUDIT_TARGET,
            target_id=request.id or 0,
            before=None,
            after={"files": [row.public_id for row in rows]},
            note=names,
        )


def list_files(*, session: Session, actor_id: int, request_id: int) -> list[ConciergeFile]:
    """A visible request's files, oldest first (NotFound for anyone else)."""
    get_visible_request(session=session, actor_id=actor_id, request_id=request_id)
    return list(
        session.exec(
            select(ConciergeFile)
            .where(ConciergeFile.request_id == request_id)
            .order_by(col(ConciergeFile.id))
        )
    )


def read_file(
    *, session: Session, actor_id: int, public_id: str, thumbnail: bool = False
) -> tuple[ConciergeFile, bytes]:
    """A file's row and bytes for its requester or an admin; NotFound for anyone else."""
    if not isinstance(public_id, str) or not _PUBLIC_ID_RE.match(public_id):
        raise NotFound("files.not_found")
    row = session.exec(select(ConciergeFile).where(ConciergeFile.public_id == public_id)).first()
    if row is None:
        raise NotFound("files.not_found")
    try:
        get_visible_request(session=session, actor_id=actor_id, request_id=row.request_id)
    except NotFound:
        raise NotFound("files.not_found") from None
    key = row.thumb_key if thumbnail and row.thumb_key else row.storage_key
    data = get_storage().get(key)
    if data is None:
        raise NotFound("files.not_found")
    return row, data
