"""The one guard every event handler runs behind.

Any client can send any event over the websocket, so a handler never trusts the
page it came from. ``@guarded(...)`` resolves the viewer from the server-side
session, checks the role, opens one database session for the handler and turns a
:class:`CasTyouError` into a translated toast. The handler receives a
:class:`Ctx` as its first argument after ``self``; Reflex sees the signature without
it, so clients still call ``approve(grant_id)``.

Plain functions, coroutines and (async) generators are all supported, so a handler
that yields a spinner first is guarded the same way.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import reflex as rx
from sqlmodel import Session

from castyou.db import session_scope
from castyou.models.user import Role
from castyou.request_context import bound, current_request_id, set_user
from castyou.services.errors import CasTyouError, NotAllowed, NotAuthenticated

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

    def context(state: SessionState, db: Session) -> Ctx:
        viewer = state._resolve_viewer(db)
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

    def context(state: SessionState, db: Session) -> PublicCtx:
        viewer = state._resolve_viewer(db)
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


def _wrap(
    context: Callable[[Any, Session], Any], refusal: Callable[[Any, CasTyouError], Any]
) -> Callable[[F], F]:
    """Each call gets its own request id (logs, e-mails) and database session."""

    def decorate(fn: F) -> F:
        if inspect.isasyncgenfunction(fn):

            async def async_gen(self: Any, *args: Any, **kwargs: Any) -> Any:
                with bound(), session_scope() as db:
                    try:
                        async for item in fn(self, context(self, db), *args, **kwargs):
                            yield item
                    except CasTyouError as error:
                        yield refusal(self, error)
                    except Exception as error:
                        yield _unexpected(self, error)

            wrapper: Any = async_gen
        elif inspect.isgeneratorfunction(fn):

            def gen(self: Any, *args: Any, **kwargs: Any) -> Any:
                with bound(), session_scope() as db:
                    try:
                        yield from fn(self, context(self, db), *args, **kwargs)
                    except CasTyouError as error:
                        yield refusal(self, error)
                    except Exception as error:
                        yield _unexpected(self, error)

            wrapper = gen
        elif inspect.iscoroutinefunction(fn):

            async def coroutine(self: Any, *args: Any, **kwargs: Any) -> Any:
                with bound(), session_scope() as db:
                    try:
                        return await fn(self, context(self, db), *args, **kwargs)
                    except CasTyouError as error:
                        return refusal(self, error)
                    except Exception as error:
                        return _unexpected(self, error)

            wrapper = coroutine
        else:

            def plain(self: Any, *args: Any, **kwargs: Any) -> Any:
                with bound(), session_scope() as db:
                    try:
                        return fn(self, context(self, db), *args, **kwargs)
                    except CasTyouError as error:
                        return refusal(self, error)
                    except Exception as error:
                        return _unexpected(self, error)

            wrapper = plain
        return _without_ctx(functools.wraps(fn)(wrapper), fn)

    return decorate


def _without_ctx(wrapper: Any, fn: Callable[..., Any]) -> Any:
    """Show Reflex the handler's signature without the ``ctx`` parameter."""
    signature = inspect.signature(fn)
    self_param, ctx_param, *rest = signature.parameters.values()
    wrapper.__signature__ = signature.replace(parameters=[self_param, *rest])
    wrapper.__annotations__ = {
        name: hint for name, hint in fn.__annotations__.items() if name != ctx_param.name
    }
    return wrapper
