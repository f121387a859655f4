"""Admin console: which tab is open, so a link such as ``?tab=webhooks`` opens that tab."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.models.user import Role
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.session import SessionState

CONSOLE_TABS = (
    "stats",
    "users",
    "grants",
    "bundles",
    "purchases",
    "boosts",
    "webhooks",
    "audit",
    "kpis",
    "support",
    "outbox",
)


class AdminConsoleTabState(SessionState):
    """The open console tab (the URL's ``tab`` on load, then the admin's clicks)."""

    console_tab: str = "stats"

    @rx.event
    @guarded(Role.ADMIN)
    def open_from_url(self, ctx: Ctx) -> EventSpec | None:
        wanted = self.router.url.query_parameters.get("tab", "")
        self.console_tab = wanted if wanted in CONSOLE_TABS else "stats"
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def set_console_tab(self, ctx: Ctx, tab: str) -> EventSpec | None:
        self.console_tab = args.choice(tab, CONSOLE_TABS)
        return None
