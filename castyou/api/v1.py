"""The service REST API other platform services call: awards, balances, ledger pages.

Mounted at ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``). Every route needs a
bearer key from ``CASTYOU_API_KEYS``; keys are compared in constant time.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlmodel import Session

from castyou.api.errors import ERROR_RESPONSES, error_response, install_error_handlers
from castyou.api.shapes import AwardIn, CursorQuery, UserIdPath
from castyou.db import session_scope
from castyou.i18n import t
from castyou.models.user import User
from castyou.services.castars import earning, ledger
from castyou.services.errors import CasTyouError, Conflict, InsufficientBalance, NotFound
from castyou.settings import get_settings

service_api = FastAPI(
    title="CasTyou service API",
    version="1",
    description="CasTars awards, balances and ledger for other platform services.",
    openapi_url="/openapi.json",
    docs_url=None,
    redoc_url=None,
)
install_error_handlers(service_api)
_bearer = HTTPBearer(auto_error=False)


class Unauthorized(Exception):
    """No or a wrong bearer key."""


class AwardOut(BaseModel):
    awarded: int
    balance: int
    entry_id: int | None
    reason: str | None = None


class BalanceOut(BaseModel):
    balance: int
    lifetime_stars: int


class EntryOut(BaseModel):
    id: int
    delta: int
    reason: str
    source: str
    ref_id: str | None
    balance: int
    created_at: datetime


class LedgerPageOut(BaseModel):
    items: list[EntryOut]
    next_cursor: str | None


def require_key(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Accept the request only with a configured key (checked before anything runs)."""
    given = credentials.credentials.encode() if credentials else b""
    matched = False
    for key in get_settings().api_keys:
        matched |= hmac.compare_digest(given, key.encode())
    if not given or not matched:
        raise Unauthorized()


def db_session() -> Iterator[Session]:
    with session_scope() as session:
        yield session


Db = Annotated[Session, Depends(db_session)]
Authorized = Depends(require_key)


@service_api.exception_handler(Unauthorized)
def _unauthorized(_request: Request, _exc: Unauthorized) -> JSONResponse:
    response = error_response("unauthorized", "A valid bearer API key is required.", 401)
    response.headers["WWW-Authenticate"] = "Bearer"
    return response


@service_api.exception_handler(CasTyouError)
def _service_error(_request: Request, exc: CasTyouError) -> JSONResponse:
    status = 422
    if isinstance(exc, NotFound):
        status = 404
    elif isinstance(exc, Conflict | InsufficientBalance):
        status = 409
    return error_response(exc.code, t(exc.code, "en", **exc.params), status)


def _known_user(session: Session, user_id: int) -> None:
    if session.get(User, user_id) is None:
        raise NotFound("ledger.unknown_user")


@service_api.post(
    "/awards", response_model=AwardOut, dependencies=[Authorized], responses=ERROR_RESPONSES
)
def post_award(body: AwardIn, session: Db) -> AwardOut:
    """Award the stars of ``rule`` for ``subject_id`` once; a repeat returns ``awarded: 0``."""
    _known_user(session, body.user_id)
    result = earning.award_stars(
        session=session, user_id=body.user_id, rule=body.rule, subject_id=str(body.subject_id)
    )
    return AwardOut(
        awarded=result.awarded,
        balance=result.balance,
        entry_id=result.entry_id,
        reason=result.reason,
    )


@service_api.get(
    "/users/{user_id}/balance",
    response_model=BalanceOut,
    dependencies=[Authorized],
    responses=ERROR_RESPONSES,
)
def get_balance(user_id: UserIdPath, session: Db) -> BalanceOut:
    _known_user(session, user_id)
    balance = ledger.get_balance(session=session, user_id=user_id)
    return BalanceOut(balance=balance.balance, lifetime_stars=balance.lifetime_stars)


@service_api.get(
    "/users/{user_id}/ledger",
    response_model=LedgerPageOut,
    dependencies=[Authorized],
    responses=ERROR_RESPONSES,
)
def get_ledger(
    user_id: UserIdPath,
    session: Db,
    first: Annotated[int, Query(ge=1, le=ledger.MAX_PAGE)] = 20,
    after: CursorQuery = None,
) -> LedgerPageOut:
    """A page of the user's entries, newest first; pass ``next_cursor`` as ``after``."""
    _known_user(session, user_id)
    page = ledger.history(session=session, user_id=user_id, first=first, after=after)
    items = [EntryOut.model_validate(entry, from_attributes=True) for entry in page.items]
    return LedgerPageOut(items=items, next_cursor=page.next_cursor)
