"""The Reflex app: every page, its title and its on_load guards, in one table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from castyou import routes
from castyou.api.app import api
from castyou.pages.admin.concierge import admin_concierge_page
from castyou.pages.admin.console import ADMIN_CONSOLE_ON_LOAD, admin_console_page
from castyou.pages.auth import login_page, signup_page
from castyou.pages.castars.buy import buy_page
from castyou.pages.castars.hub import castars_page
from castyou.pages.castars.receipt import receipt_page
from castyou.pages.castars.store import store_page
from castyou.pages.casting.discover import discover_page
from castyou.pages.casting.jobs import jobs_page
from castyou.pages.casting.messages import messages_page
from castyou.pages.casting.profile import profile_page, talent_view_page
from castyou.pages.concierge import concierge_page
from castyou.pages.home import home_page
from castyou.state import live_registry
from castyou.state.admin.concierge import AdminConciergeState
from castyou.state.admin.concierge_detail import AdminConciergeDetailState
from castyou.state.castars.buy import BuyState
from castyou.state.castars.hub import CastarsState
from castyou.state.castars.receipt import ReceiptState
from castyou.state.castars.store import StoreState
from castyou.state.casting.discover import DiscoverState
from castyou.state.casting.jobs import JobsState
from castyou.state.casting.messages import MessagesState
from castyou.state.casting.profile import ProfileState, TalentViewState
from castyou.state.concierge import ConciergeState
from castyou.state.live_push import live_push_task
from castyou.state.session import SessionState


@dataclass(frozen=True)
class Page:
    """One route: its layout, title and what runs when it loads."""

    component: Callable[[], rx.Component]
    route: str
    title: str
    on_load: list[Any] = field(default_factory=list)
    shows: tuple[Any, ...] = ()  # states on the page besides those its on_load loads


def _signed_in(*loads: Any) -> list[Any]:
    return [SessionState.require_login, *loads]


PAGES = (
    Page(home_page, routes.HOME, "CasTyou", [SessionState.load_session]),
    Page(login_page, routes.LOGIN, "Log in", [SessionState.load_session]),
    Page(signup_page, routes.SIGNUP, "Sign up", [SessionState.load_session]),
    Page(castars_page, routes.CASTARS, "CasTars", _signed_in(CastarsState.load)),
    Page(buy_page, routes.CASTARS_BUY, "Buy CasTars", _signed_in(BuyState.load)),
    Page(receipt_page, routes.CASTARS_RECEIPT, "Receipt", _signed_in(ReceiptState.load)),
    Page(store_page, routes.CASTARS_STORE, "Feature Store", _signed_in(StoreState.load)),
    Page(profile_page, routes.PROFILE, "Profile", _signed_in(ProfileState.load)),
    Page(talent_view_page, routes.TALENT, "Talent", _signed_in(TalentViewState.load)),
    Page(discover_page, routes.DISCOVER, "Discover", _signed_in(DiscoverState.load)),
    Page(jobs_page, routes.JOBS, "Jobs", _signed_in(JobsState.load)),
    Page(messages_page, routes.MESSAGES, "Messages", _signed_in(MessagesState.load)),
    Page(concierge_page, routes.CONCIERGE, "Concierge", _signed_in(ConciergeState.load)),
    Page(
        admin_concierge_page,
        routes.ADMIN_CONCIERGE,
        "Concierge queue",
        _signed_in(AdminConciergeState.load),
        (AdminConciergeDetailState,),
    ),
    Page(
        admin_console_page,
        routes.ADMIN_CASTARS,
        "CasTars console",
        _signed_in(*ADMIN_CONSOLE_ON_LOAD),
    ),
)

app = rx.App(
    api_transformer=api,
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
)

for page in PAGES:
    title = page.title if page.route == routes.HOME else f"CasTyou · {page.title}"
    app.add_page(page.component, route=page.route, title=title, on_load=page.on_load)
    live_registry.set_page(page.route, page.on_load, page.shows)

app.register_lifespan_task(live_push_task)
