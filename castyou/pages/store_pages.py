"""Registers the casting and Feature Store pages (one call from castyou.py)."""

import reflex as rx

from castyou import routes
from castyou.pages.discover import discover_page
from castyou.pages.jobs import jobs_page
from castyou.pages.messages import messages_page
from castyou.pages.profile import profile_page, talent_view_page
from castyou.pages.store import store_page
from castyou.state.discover import DiscoverState
from castyou.state.jobs import JobsState
from castyou.state.messages import MessagesState
from castyou.state.profile import ProfileState, TalentViewState
from castyou.state.session import SessionState
from castyou.state.store import StoreState


def register_store_pages(app: rx.App) -> None:
    pages = (
        (store_page, routes.CASTARS_STORE, "Feature Store", StoreState.load),
        (profile_page, routes.PROFILE, "Profile", ProfileState.load),
        (talent_view_page, routes.TALENT, "Talent", TalentViewState.load),
        (discover_page, routes.DISCOVER, "Discover", DiscoverState.load),
        (jobs_page, routes.JOBS, "Jobs", JobsState.load),
        (messages_page, routes.MESSAGES, "Messages", MessagesState.load),
    )
    for page, route, title, load in pages:
        app.add_page(
            page,
            route=route,
            title=f"CasTyou · {title}",
            on_load=[SessionState.require_login, load],
        )
