"""Whose data a tab's server-side states hold, and wiping them when that changes.

Reflex keeps a tab's states on the server under the tab's client token (the UUID in
the websocket URL and ``sessionStorage``), which is no secret: whoever reconnects
with it gets those states back on hydrate. So every state of the tab remembers the
user it was filled for (``SessionState._tab_owner``, backend-only), and before any
handler runs or any state is sent the viewer resolved from the handshake's session
cookie is compared with it: if they differ (log out, expiry, revocation, another
user logging in, a reconnect with someone else's tab token) every state of the tab
is reset to its defaults first: by the handler guard (:mod:`castyou.state.guard`)
for every handler, and by :class:`TabOwnerMiddleware` for the hydrate that sends a
reconnecting tab all its states.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reflex.middleware import Middleware
from reflex.state import BaseState, State

from castyou.db import session_scope
from castyou.state import live_registry

if TYPE_CHECKING:
    from castyou.state.session import SessionState

ANONYMOUS = 0


def _state_classes(cls: type[BaseState]) -> list[type[BaseState]]:
    """``cls`` and every state below it."""
    found = [cls]
    for substate in cls.get_substates():
        found += _state_classes(substate)
    return found


async def follow_owner(root: SessionState, user_id: int | None) -> bool:
    """Wipe the tab's states if they were filled for someone other than ``user_id``.

    Args:
        root: The tab's :class:`SessionState` (the root of every CasTyou state).
        user_id: The viewer per the session cookie (None when anonymous).

    Returns:
        Whether the states were wiped.
    """
    owner = user_id or ANONYMOUS
    if root._tab_owner == owner:
        return False
    await wipe(root)
    root._tab_owner = owner
    return True


async def wipe(root: SessionState) -> None:
    """Reset every state of the tab to its defaults; only the tab's language stays."""
    # With the Redis state manager only the states an event needs are loaded; load
    # the rest so the reset reaches them and they are saved back reset.
    for cls in _state_classes(type(root))[1:]:
        await root.get_state(cls)
    language = root.ui_lang
    root.reset()
    root.ui_lang = language
    live_registry.close_tab(root.router.session.client_token)


class TabOwnerMiddleware(Middleware):
    """Wipe a tab's states before the hydrate that would send them, if no longer its viewer's."""

    _HYDRATE_EVENTS = frozenset(
        f"{State.get_full_name()}.{n}" for n in ("hydrate", "hydrate_and_load")
    )

    async def preprocess(self, app: Any, state: BaseState, event: Any) -> None:
        if event.name not in self._HYDRATE_EVENTS:
            return None
        from castyou.state.session import SessionState

        root = await state.get_state(SessionState)
        with session_scope() as db:
            viewer = root._resolve_viewer(db)
        await follow_owner(root, viewer.id if viewer else None)
        return None
