"""ASGI middleware for every ``/api`` route: a body limit and a response deadline.

- :class:`BodyLimit` refuses a body over its limit with 413 JSON: at once when
  ``Content-Length`` says so, otherwise (chunked bodies) as soon as the bytes received
  pass it; the route then sees a disconnect and never the rest of the body.
- :class:`RequestDeadline` answers 503 with ``Retry-After`` when a request has not
  started its response within the deadline (a stalled database), instead of hanging.
  The work left behind keeps its own bounded database timeouts; money stays
  exactly-once because every write is idempotent and a retry finds it done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from castyou.api.errors import error_response, unavailable

REST_BODY_MAX = 16 * 1024
WEBHOOK_BODY_MAX = 512_000
API_PREFIX = "/api"


def _is_api(scope: Scope) -> bool:
    path = scope.get("path", "")
    return scope["type"] == "http" and (path == API_PREFIX or path.startswith(API_PREFIX + "/"))


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() and len(text) < 19 else -1
    return None


class BodyLimit:
    """413 JSON for an ``/api`` body larger than its path's limit."""

    def __init__(
        self, app: ASGIApp, *, default: int = REST_BODY_MAX, limits: Mapping[str, int] = {}
    ) -> None:
        self.app = app
        self.default = default
        self.limits = dict(limits)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_api(scope):
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default)
        declared = _declared_length(scope)
        if declared is not None and (declared < 0 or declared > limit):
            await _too_large(limit)(scope, receive, send)
            return
        received = 0
        refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    await _too_large(limit)(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not refused:
                raise


def _too_large(limit: int) -> JSONResponse:
    return error_response(
        "payload_too_large", f"The request body is larger than {limit} bytes.", 413
    )


class RequestDeadline:
    """503 + ``Retry-After`` when an ``/api`` request has not answered within the deadline."""

    def __init__(self, app: ASGIApp, *, seconds: Callable[[], float]) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_api(scope):
            await self.app(scope, receive, send)
            return
        started = False
        abandoned = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if abandoned:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, tracking_send))
        try:
            done, _ = await asyncio.wait({task}, timeout=self.seconds())
        except asyncio.CancelledError:
            task.cancel()
            raise
        if task in done or started:
            await task
            return
        abandoned = True
        task.cancel()
        task.add_done_callback(_consume)
        await unavailable("The request took too long; try again shortly.")(scope, receive, send)


def _consume(task: asyncio.Future[None]) -> None:
    if not task.cancelled():
        task.exception()
