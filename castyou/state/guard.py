"""The one guard every event handler runs behind.

Any client can send any event over the websocket, so a handler never trusts the
page it came from. ``@guarded(...)`` resolves the viewer from the session cookie of
the websocket handshake, wipes the tab's states if they were filled for someone
else (:mod:`castyou.state.tab`), checks the role, opens one database session for the
handler and turns a :class:`CasTyouError` into a translated toast. The handler receives a
:class:`Ctx` as its first argument after ``self``; Reflex sees the signature without
it, so clients still call ``approve(grant_id)``.

Plain functions, coroutines and (async) generators are all supported, so a handler
that yields a spinner first is guarded the same way. Reflex sees every guarded
handler as a coroutine (or async generator): after the handler, the tab refreshes
whatever its own change touched that it shows (the header balance after a paid
action), so those widgets change in the same response as the toast.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import reflex as rx
from sqlmodel import Session

from castyou.db import session_scope
from castyou.models.user import Role
from castyou.request_context import bound, current_request_id, set_user
from castyou.services import live
from castyou.services.errors import CasTyouError, NotAllowed, NotAuthenticated
from castyou.state.live_push import refresh_own_tab

if TYPE_CHECKING:
    from castyou.state.session import SessionState, Viewer

F = TypeVar("F", bound=Callable[..., Any])
logger = logging.getLogger("castyou.state")


@dataclass(frozen=True)
class Ctx:
    """Who is calling (resolved server-side) and the database session of this call."""

    viewer: Viewer
    db: Session


@dataclass(frozen=True)
class PublicCtx:
    """Like :class:`Ctx` for handlers anonymous visitors may call (``viewer`` may be None)."""

    viewer: Viewer | None
    db: Session


def guarded(*roles: Role, page_load: bool = False) -> Callable[[F], F]:
    """Run the handler only for a signed-in user with one of ``roles`` (any role if none).

    Args:
        roles: The roles allowed; empty allows every signed-in user.
        page_load: The handler is an ``on_load`` step after ``require_login``, which
            already sends anonymous visitors to the login page: refuse them silently.
    """

    def context(viewer: Viewer | None, db: Session) -> Ctx:
        if viewer is None:
            raise NotAuthenticated()
        set_user(viewer.id)
        if roles and viewer.role not in roles:
            raise NotAllowed()
        return Ctx(viewer, db)

    def refusal(state: SessionState, error: CasTyouError) -> Any:
        if page_load and isinstance(error, NotAuthenticated):
            return None
        return state._error(error)

    return _wrap(context, refusal)


def public() -> Callable[[F], F]:
    """For handlers anonymous visitors may call (log in, sign up, language)."""

    def context(viewer: Viewer | None, db: Session) -> PublicCtx:
        set_user(viewer.id if viewer else None)
        return PublicCtx(viewer, db)

    def refusal(state: SessionState, error: CasTyouError) -> Any:
        return state._error(error)

    return _wrap(context, refusal)


def _unexpected(state: Any, error: Exception) -> Any:
    """Log an unexpected failure with its request id and show the id to the user."""
    request_id = current_request_id() or ""
    logger.error("handler failed", exc_info=error, extra={"handler": type(state).__name__})
    return rx.toast.error(state._t("error.unexpected", ref=request_id), close_button=True)


async def _viewer(state: SessionState, db: Session) -> Viewer | None:
    """The caller per the session cookie; the tab forgets any other user's data first."""
    viewer = state._resolve_viewer(db)
    await state._follow_owner(viewer)
    return viewer


def _wrap(
    context: Callable[[Viewer | None, Session], Any],
    refusal: Callable[[Any, CasTyouError], Any],
) -> Callable[[F], F]:
    """Each call gets its own request id (logs, e-mails) and database session."""

    def decorate(fn: F) -> F:
        if inspect.isasyncgenfunction(fn) or inspect.isgeneratorfunction(fn):

            async def steps(self: Any, *args: Any, **kwargs: Any) -> Any:
                with bound(), session_scope() as db:
                    try:
                        viewer = await _viewer(self, db)
                        items = fn(self, context(viewer, db), *args, **kwargs)
                        async for item in _acting_steps(self, items):
                            yield item
                    except CasTyouError as error:
                        yield refusal(self, error)
                    except Exception as error:
                        yield _unexpected(self, error)

            wrapper: Any = steps
        else:

            async def call(self: Any, *args: Any, **kwargs: Any) -> Any:
                with (
                    bound(),
                    session_scope() as db,
                    live.acting_tab(_tab_token(self)) as changed,
                ):
                    try:
                        viewer = await _viewer(self, db)
                        result = fn(self, context(viewer, db), *args, **kwargs)
                        if inspect.isawaitable(result):
                            result = await result
                    except CasTyouError as error:
                        result = refusal(self, error)
                    except Exception as error:
                        result = _unexpected(self, error)
                await refresh_own_tab(self, changed)
                return result

            wrapper = call
        return _without_ctx(functools.wraps(fn)(wrapper), fn)

    return decorate


def _tab_token(state: Any) -> str:
    return state.router.session.client_token


async def _acting_steps(state: Any, items: Any) -> AsyncIterator[Any]:
    """Step a (sync or async) generator handler; what a step changed is refreshed with it."""
    token = _tab_token(state)
    while True:
        with live.acting_tab(token) as changed:
            try:
                if inspect.isasyncgen(items):
                    item = await items.__anext__()
                else:
                    item = next(items)
            except (StopIteration, StopAsyncIteration):
                return
        await refresh_own_tab(state, changed)
        yield item


def _without_ctx(wrapper: Any, fn: Callable[..., Any]) -> Any:
    """Show Reflex the handler's signature without the ``ctx`` parameter."""
    signature = inspect.signature(fn)
    self_param, ctx_param, *rest = signature.parameters.values()
    wrapper.__signature__ = signature.replace(parameters=[self_param, *rest])
    wrapper.__annotations__ = {
        name: hint for name, hint in fn.__annotations__.items() if name != ctx_param.name
    }
    return wrapper
