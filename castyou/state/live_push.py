"""Pushing fresh state to open tabs when the services announce a change.

Every backend worker runs :func:`live_push_task` (a Reflex lifespan task). It
listens on the live bus and, for each message, re-runs the refresh handlers of the
tabs that show one of its topics and whose sockets this worker holds, inside
``app.modify_state``: Reflex sends each tab its delta. Nothing runs while nothing
changes. The tab that caused a change is skipped: it refreshed itself in the
response to its own event (see :func:`refresh_own_tab`).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from typing import Any

import reflex as rx

from castyou.services import live_bus
from castyou.state import live_registry

logger = logging.getLogger("castyou.live")
MAX_PARALLEL_PUSHES = 64
_app: Any = None


async def live_push_task(app: Any) -> None:
    """Listen on the live bus for as long as the app runs."""
    global _app
    _app = app
    limit = asyncio.Semaphore(MAX_PARALLEL_PUSHES)
    pending: set[asyncio.Task[None]] = set()
    async for message in live_bus.listen():
        for token in live_registry.tokens_for(message.topics) - {message.origin}:
            tab = live_registry.get_tab(token)
            handlers = live_registry.handlers_for(tab, message.topics) if tab else []
            if not handlers:
                continue
            if not _holds_socket(app, token):
                live_registry.close_tab(token)
                continue
            task = asyncio.create_task(_push(app, token, handlers, limit))
            pending.add(task)
            task.add_done_callback(pending.discard)


def _holds_socket(app: Any, token: str) -> bool:
    """Whether this worker holds the open socket of tab ``token``."""
    namespace = app.event_namespace
    if namespace is None:
        return False
    manager = namespace._token_manager
    record = manager.token_to_socket.get(token)
    return record is not None and record.instance_id == manager.instance_id


async def _push(app: Any, token: str, handlers: list[Any], limit: asyncio.Semaphore) -> None:
    async with limit:
        try:
            state_token = rx.BaseStateToken(ident=token, cls=handlers[0].state)
            async with app.modify_state(state_token) as state:
                await run_handlers(state, handlers)
        except Exception:
            logger.exception("live push to a tab failed")


async def run_handlers(state: Any, handlers: list[Any]) -> None:
    """Run each refresh handler on its substate of ``state``'s tree (returned events dropped)."""
    for handler in handlers:
        substate = await state.get_state(handler.state)
        result = handler.fn(substate)
        if inspect.isawaitable(result):
            await result


async def refresh_own_tab(state: Any, topics: set[str]) -> None:
    """After a tab's own event: refresh what it shows of ``topics``, in the same response."""
    if not topics:
        return
    tab = live_registry.get_tab(state.router.session.client_token)
    if tab is not None:
        await run_handlers(state, live_registry.handlers_for(tab, topics))
