"""The request id and user id of the work in progress, carried by context variables.

An HTTP request, a websocket event, a webhook delivery or an e-mail send binds
them once; every log line and every e-mail written meanwhile picks them up.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
_INCOMING_RE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
request_id_var: ContextVar[str | None] = ContextVar("castyou_request_id", default=None)
user_id_var: ContextVar[int | None] = ContextVar("castyou_user_id", default=None)


def new_request_id() -> str:
    return secrets.token_hex(8)


def accept_request_id(incoming: str | None) -> str:
    """A caller's id when it is well-formed (so a proxy's id carries on), else a new one."""
    if incoming and _INCOMING_RE.match(incoming):
        return incoming
    return new_request_id()


def current_request_id() -> str | None:
    return request_id_var.get()


@contextmanager
def bound(request_id: str | None = None, user_id: int | None = None) -> Iterator[str]:
    """Bind a request id (a new one when None) and optionally a user id for the block."""
    rid = request_id or new_request_id()
    rid_token = request_id_var.set(rid)
    uid_token = user_id_var.set(user_id)
    try:
        yield rid
    finally:
        try:
            user_id_var.reset(uid_token)
            request_id_var.reset(rid_token)
        except ValueError:
            # A generator handler resumed in another context: that context ends anyway.
            pass


def set_user(user_id: int | None) -> None:
    """Name the user once the request has resolved who is calling."""
    user_id_var.set(user_id)
