"""Which event handlers refresh an open page when one of its live channels changes.

Feature states register at import time, e.g. ``on_change("user", WalletState.refresh)``;
``SessionState.live_tick`` (fired by the shell every ~1.5 s) dispatches them.
"""

from __future__ import annotations

from typing import Any, Literal

ChannelKind = Literal["user", "concierge_queue"]

_HANDLERS: dict[str, list[Any]] = {"user": [], "concierge_queue": []}


def on_change(kind: ChannelKind, handler: Any) -> None:
    """Run ``handler`` (an event handler taking no arguments) when ``kind`` changes."""
    if handler not in _HANDLERS[kind]:
        _HANDLERS[kind].append(handler)


def handlers_for(kind: str) -> list[Any]:
    return list(_HANDLERS.get(kind, []))
