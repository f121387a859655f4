"""``GET /api/files/<public id>``: a concierge file, only for its requester and admins.

The caller proves who they are with a link signed for them (see
:mod:`castyou.services.concierge.file_links`), the browser's session cookie or an
``Authorization: Bearer <session token>`` header. Anyone else, like a missing file,
gets the same 404.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from castyou.db import session_scope
from castyou.services import accounts
from castyou.services.concierge import files
from castyou.services.concierge.file_links import verify_link
from castyou.services.errors import NotFound

router = APIRouter()
_NOT_FOUND = {"error": {"code": "not_found", "message": "No such file."}}


def _viewer_id(request: Request, public_id: str, thumbnail: bool) -> int | None:
    query = request.query_params
    viewer, expires, signature = query.get("v", ""), query.get("e", ""), query.get("s", "")
    digits = all(v.isascii() and v.isdigit() and len(v) <= 12 for v in (viewer, expires))
    if digits and verify_link(
        public_id,
        viewer_id=int(viewer),
        expires=int(expires),
        thumbnail=thumbnail,
        signature=signature,
    ):
        return int(viewer)
    auth = request.headers.get("authorization", "")
    token = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
    token = token or accounts.cookie_token(request.headers.get("cookie", ""))
    if not token:
        return None
    with session_scope() as db:
        user = accounts.user_for_token(session=db, token=token)
        return user.id if user else None


def _read(request: Request, public_id: str) -> Response:
    thumbnail = request.query_params.get("t") == "1"
    viewer_id = _viewer_id(request, public_id, thumbnail)
    if viewer_id is None:
        return JSONResponse(_NOT_FOUND, status_code=404)
    with session_scope() as db:
        try:
            row, data = files.read_file(
                session=db, actor_id=viewer_id, public_id=public_id, thumbnail=thumbnail
            )
        except NotFound:
            return JSONResponse(_NOT_FOUND, status_code=404)
    content_type = "image/jpeg" if thumbnail and row.thumb_key else row.content_type
    return Response(
        data,
        media_type=content_type,
        headers={
            "Cache-Control": "private, max-age=3600",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Content-Disposition": f"inline; filename*=UTF-8''{quote(row.filename)}",
        },
    )


@router.get("/api/files/{public_id}")
async def get_file(request: Request, public_id: str) -> Response:
    """The file's bytes (``?t=1``: its thumbnail) or a 404 JSON error."""
    return await run_in_threadpool(_read, request, public_id)
