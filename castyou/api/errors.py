"""One JSON error shape for every 4xx and 5xx the API answers: ``{"error": {code, message}}``.

:func:`install_error_handlers` makes a FastAPI app answer that shape for its HTTP
errors (404, 405, a body it cannot parse), invalid input (422) and anything that
escapes a route: a transient database fault is 503 with ``Retry-After``, anything else
500, logged, and never a plain-text page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from castyou import db
from castyou.db_recovery import classify, drop_pool_after

RETRY_AFTER_S = 2
logger = logging.getLogger("castyou.api")

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    503: "unavailable",
}


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: str
    message: str


class ErrorOut(BaseModel):
    """What every error answers (``details`` lists the fields of a 422)."""

    error: ErrorBody


def error_response(
    code: str, message: str, status: int, *, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    """The API's error answer."""
    body = {"error": {"code": code, "message": message, **extra}}
    return JSONResponse(status_code=status, content=body, headers=headers)


BUSY = "The service is busy or its database is unavailable."


def unavailable(message: str = BUSY) -> JSONResponse:
    """503 with ``Retry-After``: the client should try again shortly."""
    return error_response("unavailable", message, 503, headers={"Retry-After": str(RETRY_AFTER_S)})


def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    headers = dict(exc.headers) if exc.headers else None
    return error_response(code, message, exc.status_code, headers=headers)


def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"field": ".".join(str(part) for part in e["loc"]), "message": str(e["msg"])}
        for e in exc.errors()
    ]
    return error_response("invalid_input", "The request is not valid.", 422, details=details)


class JsonErrors:
    """Turn any exception escaping the app into the JSON error (503 or 500)."""

    def __init__(self, app: ASGIApp, prefix: str = "") -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except ClientDisconnect:
            return
        except Exception as error:
            fault = classify(error)
            if fault is None:
                logger.exception("unhandled error on %s %s", scope["method"], scope["path"])
            else:
                logger.warning("database %s on %s: %s", fault.value, scope["path"], error)
                drop_pool_after(db.get_engine(), error)
            if started:
                return
            response = unavailable() if fault else _internal()
            await response(scope, receive, send)


def _internal() -> JSONResponse:
    return error_response("internal_error", "Something went wrong on our side.", 500)


def install_error_handlers(app: FastAPI, *, prefix: str = "") -> None:
    """JSON errors for ``app`` (only for paths under ``prefix`` when one is given)."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_middleware(JsonErrors, prefix=prefix)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": description}
    for status, description in {
        400: "The body cannot be read as JSON",
        401: "No or a wrong bearer key",
        404: "Unknown user or subject",
        409: "Conflict with the current state",
        413: "Request body too large",
        422: "Invalid input",
        503: "Busy or database unavailable: retry after `Retry-After` seconds",
    }.items()
}
"""OpenAPI ``responses`` for the service routes: every error they can answer."""
