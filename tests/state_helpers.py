"""Calling Reflex event handlers directly, as any websocket client could."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, TypeVar

from reflex.state import State

T = TypeVar("T")


def new_state(cls: type[T], token: str = "") -> T:
    """A fresh instance of ``cls`` inside a root state, with the session token set."""
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    state = root.get_substate(cls.get_full_name().split("."))  # type: ignore[attr-defined]
    state.auth_token = token
    return state  # type: ignore[return-value]


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
