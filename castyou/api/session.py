"""``/api/session``: the browser's ``HttpOnly`` session cookie.

Log in runs over the websocket, which cannot set an ``HttpOnly`` cookie, so the log-in
handler hands the page a one-time claim and the page posts it here:

- ``POST /api/session`` with ``{"claim": "..."}`` answers 204 and
  ``Set-Cookie: castyou_session=<token>; HttpOnly; SameSite=Lax; Path=/`` (plus
  ``Secure`` everywhere but plain-http localhost), ``Max-Age`` = what is left of the
  session's lifetime. The page then reloads, so the websocket handshake carries it.
- ``DELETE /api/session`` ends the cookie's session and expires the cookie.

Both refuse a request whose ``Origin`` is not the app's own (``CASTYOU_PUBLIC_URL``,
or the ``Host`` the request was sent to); together with ``SameSite=Lax`` that keeps
other sites from logging a browser in or out.
"""

from __future__ import annotations

from math import floor
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from castyou import routes
from castyou.api.errors import error_response
from castyou.clock import utcnow
from castyou.db import session_scope
from castyou.services import accounts

router = APIRouter()
PATH = routes.SESSION_API
_PLAIN_HTTP_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})


def _origin(request: Request) -> str | None:
    """The request's ``Origin`` if it is the app's own, else None."""
    origin = request.headers.get("origin", "")
    if accounts.trusted_origin(origin, request.headers.get("host", "")):
        return origin
    return None


def _cookie_flags(origin: str) -> dict[str, Any]:
    """``Secure`` except for plain-http localhost, where browsers could not send it back."""
    url = urlsplit(origin)
    local = url.scheme == "http" and (url.hostname or "") in _PLAIN_HTTP_HOSTS
    return {"path": "/", "httponly": True, "samesite": "lax", "secure": not local}


def _refused() -> JSONResponse:
    return error_response("forbidden", "Cross-origin session requests are refused.", 403)


def _redeem(claim: str) -> accounts.IssuedSession | None:
    with session_scope() as db:
        return accounts.redeem_claim(session=db, claim=claim)


def _end(token: str) -> None:
    with session_scope() as db:
        accounts.log_out(session=db, token=token)


@router.post(PATH)
async def open_session(request: Request) -> Response:
    """Trade a one-time claim for the session cookie."""
    origin = _origin(request)
    if origin is None:
        return _refused()
    try:
        body = await request.json()
    except ValueError:
        body = None
    claim = body.get("claim") if isinstance(body, dict) else None
    if not isinstance(claim, str) or not 0 < len(claim) <= 100:
        return error_response("invalid_claim", "A claim is required.", 400)
    issued = await run_in_threadpool(_redeem, claim)
    if issued is None:
        return error_response("invalid_claim", "The claim is unknown, used or expired.", 400)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    max_age = floor((issued.expires_at - utcnow()).total_seconds())
    response.set_cookie(
        accounts.SESSION_COOKIE, issued.token, max_age=max_age, **_cookie_flags(origin)
    )
    return response


@router.delete(PATH)
async def close_session(request: Request) -> Response:
    """End the cookie's session (if any) and expire the cookie."""
    origin = _origin(request)
    if origin is None:
        return _refused()
    token = accounts.cookie_token(request.headers.get("cookie", ""))
    if token:
        await run_in_threadpool(_end, token)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(accounts.SESSION_COOKIE, **_cookie_flags(origin))
    return response
