"""Which open tabs show what, and which handlers refresh it.

Feature states register at import time which topic kind refreshes them, e.g.
``on_change("wallet", WalletState.refresh)``. A tab is registered by its page's
``on_load`` (and again by every reconnect's hydrate, which re-runs it) with its
user and the states its page shows; logging out or a closed socket removes it.
The registry is per process: each backend worker knows the tabs whose sockets it
holds, and only pushes to those.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from castyou.services.live import CONCIERGE_QUEUE, USER_KINDS
from castyou.services.live_bus import RESYNC

Kind = Literal["wallet", "notifications", "requests", "casting", "concierge_queue", "request"]
TEAM_KINDS = (CONCIERGE_QUEUE, "request")

_HANDLERS: dict[str, list[Any]] = defaultdict(list)
_EVERY_PAGE: set[str] = set()
_PAGE_STATES: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class Tab:
    """An open tab: whose it is and the full names of the states it shows."""

    user_id: int
    is_admin: bool
    states: frozenset[str]


_TABS: dict[str, Tab] = {}
_BY_USER: dict[int, set[str]] = defaultdict(set)
_ADMINS: set[str] = set()


def on_change(kind: Kind, handler: Any) -> None:
    """Run ``handler`` (an event handler taking no arguments) when ``kind`` changes."""
    if handler not in _HANDLERS[kind]:
        _HANDLERS[kind].append(handler)


def show_everywhere(state: Any) -> None:
    """``state`` is part of every page (the header's balance and bell)."""
    _EVERY_PAGE.add(state.get_full_name())


def set_page(route: str, on_load: Iterable[Any], also: Iterable[Any] = ()) -> None:
    """The page at ``route`` shows the states of its ``on_load`` handlers (and ``also``)."""
    names = {handler.state.get_full_name() for handler in on_load if hasattr(handler, "state")}
    names |= {state.get_full_name() for state in also}
    _PAGE_STATES[_route_key(route)] = frozenset(names)


def _route_key(route: str) -> str:
    return route.strip("/")


def open_tab(token: str, *, user_id: int, is_admin: bool, route: str) -> Tab:
    """Remember that tab ``token`` shows the page at ``route`` to ``user_id``."""
    close_tab(token)
    states = _EVERY_PAGE | _PAGE_STATES.get(_route_key(route), frozenset())
    tab = Tab(user_id, is_admin, frozenset(states))
    _TABS[token] = tab
    _BY_USER[user_id].add(token)
    if is_admin:
        _ADMINS.add(token)
    return tab


def close_tab(token: str) -> None:
    tab = _TABS.pop(token, None)
    if tab is None:
        return
    tokens = _BY_USER.get(tab.user_id)
    if tokens is not None:
        tokens.discard(token)
        if not tokens:
            del _BY_USER[tab.user_id]
    _ADMINS.discard(token)


def get_tab(token: str) -> Tab | None:
    return _TABS.get(token)


def tab_count() -> int:
    return len(_TABS)


def all_tokens() -> list[str]:
    return list(_TABS)


def _parse(topic: str) -> tuple[str, int | None]:
    kind, _, arg = topic.partition(":")
    return kind, int(arg) if arg.isdigit() else None


def tokens_for(topics: Iterable[str]) -> set[str]:
    """The tabs that may show one of ``topics``."""
    found: set[str] = set()
    for topic in topics:
        kind, arg = _parse(topic)
        if topic == RESYNC:
            return set(_TABS)
        if kind in TEAM_KINDS:
            found |= _ADMINS
        elif arg is not None and (kind in USER_KINDS or kind == "user"):
            found |= _BY_USER.get(arg, set())
    return found


def handlers_for(tab: Tab, topics: Iterable[str]) -> list[Any]:
    """The refresh handlers of ``tab``'s states that ``topics`` concern, each once."""
    kinds: list[str] = []
    for topic in topics:
        kind, arg = _parse(topic)
        if topic == RESYNC or (kind == "user" and arg == tab.user_id):
            kinds.extend(_HANDLERS)
        elif (kind in TEAM_KINDS and tab.is_admin) or (kind in USER_KINDS and arg == tab.user_id):
            kinds.append(kind)
    handlers: list[Any] = []
    for kind in dict.fromkeys(kinds):
        for handler in _HANDLERS.get(kind, []):
            if handler not in handlers and handler.state.get_full_name() in tab.states:
                handlers.append(handler)
    return handlers


def every_page_handlers() -> list[Any]:
    """The refresh handlers of the states every page shows (the header's)."""
    found: list[Any] = []
    for handlers in _HANDLERS.values():
        for handler in handlers:
            if handler.state.get_full_name() in _EVERY_PAGE and handler not in found:
                found.append(handler)
    return found


def handlers_of_kind(kind: str) -> list[Any]:
    return list(_HANDLERS.get(kind, []))
