"""Calling Reflex event handlers directly, as any websocket client could."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, TypeVar
from urllib.parse import urlencode

from reflex.state import State

from castyou.db import session_scope
from castyou.services import accounts
from castyou.state import tab
from castyou.state.session import SessionState

T = TypeVar("T")


def new_state(cls: type[T], token: str = "") -> T:
    """A fresh instance of ``cls`` inside a root state, its tab holding the session cookie.

    The tab counts as already used by that cookie's user, as a tab is after its first
    event (see ``castyou.state.tab``), so vars preset by a test are not wiped.
    """
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    state = root.get_substate(cls.get_full_name().split("."))  # type: ignore[attr-defined]
    use_cookie(state, token)
    with session_scope() as db:
        user = accounts.user_for_token(session=db, token=token)
    session_state = root.get_substate(SessionState.get_full_name().split("."))
    session_state._tab_owner = user.id if user and user.id else tab.ANONYMOUS
    return state  # type: ignore[return-value]


def use_cookie(state: Any, token: str, tab: str = "", origin: str = "") -> None:
    """Make the tab of ``state`` connect with session cookie ``token`` ("": none).

    As a websocket handshake does: Reflex gives each event the handshake's headers.
    ``origin`` is the page's that opened the socket (none, as a script client sends).
    """
    root = state._get_root_state()
    headers = {"host": "testserver"}
    if token:
        headers["cookie"] = f"theme=dark; {accounts.SESSION_COOKIE}={token}"
    if origin:
        headers["origin"] = origin
    router_data = {
        "headers": headers,
        "token": tab or root.router.session.client_token,
    }
    root.router_data = root._update_router_vars(router_data, root.router_data)


def visit(state: Any, path: str, query: dict[str, str] | None = None) -> None:
    """Put the tab of ``state`` on page ``path`` (the handshake's cookie stays)."""
    root = state._get_root_state()
    as_path = f"{path}?{urlencode(query)}" if query else path
    router_data = {"pathname": path, "asPath": as_path, "query": query or {}}
    root.router_data = root._update_router_vars(router_data, root.router_data)


def call(state: Any, handler_name: str, *args: Any) -> Any:
    """Run ``handler_name`` on ``state`` and return what it returned (or the list it yielded).

    Guarded handlers are coroutines or async generators to Reflex; this drives them.
    """
    handler = getattr(type(state), handler_name)
    result = handler.fn(state, *args)
    if inspect.isasyncgen(result):
        return asyncio.run(_collect(result))
    if inspect.isawaitable(result):
        return asyncio.run(_await(result))
    return result


async def _collect(items: Any) -> list[Any]:
    return [item async for item in items]


async def _await(result: Any) -> Any:
    return await result


def rendered(result: Any) -> str:
    """The JavaScript of returned events, to assert on toasts and redirects."""
    if result is None:
        return ""
    items = result if isinstance(result, list | tuple) else [result]
    return " ".join(str(item) for item in items)


def scripts(result: Any) -> list[str]:
    """The JavaScript of the ``rx.call_script`` events among returned events."""
    items = result if isinstance(result, list | tuple) else [result]
    return [
        item.args[0][1]._var_value
        for item in items
        if "_call_script" in repr(getattr(getattr(item, "handler", None), "fn", None))
    ]
