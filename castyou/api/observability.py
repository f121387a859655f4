"""Request ids on every HTTP response, JSON access logs, latency metrics and ``/metrics``.

The middleware is plain ASGI so it wraps everything the app serves (the API and
Reflex's own routes): it takes a well-formed incoming ``X-Request-ID`` (a proxy's)
or makes one, binds it for the request's logs and e-mails, and returns it.
"""

from __future__ import annotations

import hmac
import logging
import re
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.types import Receive, Scope, Send

from castyou import metrics
from castyou.client_address import scope_client_address
from castyou.request_context import REQUEST_ID_HEADER, accept_request_id, bound
from castyou.settings import get_settings

logger = logging.getLogger("castyou.http")
router = APIRouter()
_HEADER = REQUEST_ID_HEADER.lower().encode()
_ID_SEGMENT = re.compile(r"^[0-9]+$|^[A-Za-z0-9_-]{16,}$")


def route_group(path: str) -> str:
    """A low-cardinality label: ids and tokens in the path become ``:id``."""
    parts = [":id" if _ID_SEGMENT.match(part) else part for part in path.split("/")[1:4]]
    return "/" + "/".join(parts) if path.startswith("/api") else "/(app)"


class RequestIdMiddleware:
    """Bind and return ``X-Request-ID``; time and log each API request."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        incoming = headers.get(_HEADER, b"").decode("latin-1")
        status = {"code": 500}
        started = time.perf_counter()
        with bound(accept_request_id(incoming)) as request_id:

            async def send_with_id(message: dict) -> None:
                if message["type"] == "http.response.start":
                    status["code"] = message["status"]
                    message.setdefault("headers", [])
                    message["headers"] = [
                        *[(k, v) for k, v in message["headers"] if k.lower() != _HEADER],
                        (_HEADER, request_id.encode()),
                    ]
                await send(message)

            try:
                await self.app(scope, receive, send_with_id)
            finally:
                self._observe(scope, status["code"], time.perf_counter() - started)

    @staticmethod
    def _observe(scope: Scope, status: int, seconds: float) -> None:
        path = scope.get("path", "")
        group = route_group(path)
        metrics.LATENCY.labels(scope.get("method", ""), group, f"{status // 100}xx").observe(
            seconds
        )
        if group != "/(app)":
            logger.info(
                "http request",
                extra={
                    "method": scope.get("method"),
                    "path": group,
                    "status": status,
                    "ms": round(seconds * 1000, 1),
                    "client": scope_client_address(scope),
                },
            )


def _authorized(request: Request) -> bool:
    key = get_settings().metrics_key
    given = request.headers.get("authorization", "")
    return bool(key) and hmac.compare_digest(given.encode(), f"Bearer {key}".encode())


@router.get("/metrics", include_in_schema=False)
def prometheus_metrics(request: Request) -> Response:
    """Prometheus text format, for ``Authorization: Bearer <CASTYOU_METRICS_KEY>`` only."""
    if not _authorized(request):
        # Without a configured key the endpoint does not exist at all.
        code = 401 if get_settings().metrics_key else 404
        return JSONResponse({"error": {"code": "unauthorized"}}, status_code=code)
    return Response(metrics.render(), media_type=CONTENT_TYPE_LATEST)
