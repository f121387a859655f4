"""The Reflex app: every page, its title and its on_load guards, in one table."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from castyou import routes
from castyou.api.app import api
from castyou.api.caching import immutable_assets
from castyou.api.webhook_lane import webhook_lane
from castyou.components.document_meta import document_meta
from castyou.i18n import t
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
from castyou.pages.settings import settings_page
from castyou.services.email import outbox
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
from castyou.state.concierge_files import ConciergeFilesState
from castyou.state.home import HomeState
from castyou.state.live_push import live_push_task
from castyou.state.session import SessionState
from castyou.state.settings import SettingsState
from castyou.state.tab import TabOwnerMiddleware


@dataclass(frozen=True)
class Page:
    """One route: its layout, title (a translation key) and what runs when it loads."""

    component: Callable[[], rx.Component]
    route: str
    title_key: str
    on_load: list[Any] = field(default_factory=list)
    shows: tuple[Any, ...] = ()  # states on the page besides those its on_load loads


def _signed_in(*loads: Any) -> list[Any]:
    return [SessionState.require_login, *loads]


PAGES = (
    Page(home_page, routes.HOME, "title.home", [SessionState.load_session, HomeState.load]),
    Page(login_page, routes.LOGIN, "title.login", [SessionState.load_session]),
    Page(signup_page, routes.SIGNUP, "title.signup", [SessionState.load_session]),
    Page(castars_page, routes.CASTARS, "title.castars", _signed_in(CastarsState.load)),
    Page(buy_page, routes.CASTARS_BUY, "title.buy", _signed_in(BuyState.load)),
    Page(receipt_page, routes.CASTARS_RECEIPT, "title.receipt", _signed_in(ReceiptState.load)),
    Page(store_page, routes.CASTARS_STORE, "title.store", _signed_in(StoreState.load)),
    Page(profile_page, routes.PROFILE, "title.profile", _signed_in(ProfileState.load)),
    Page(talent_view_page, routes.TALENT, "title.talent", _signed_in(TalentViewState.load)),
    Page(discover_page, routes.DISCOVER, "title.discover", _signed_in(DiscoverState.load)),
    Page(jobs_page, routes.JOBS, "title.jobs", _signed_in(JobsState.load)),
    Page(messages_page, routes.MESSAGES, "title.messages", _signed_in(MessagesState.load)),
    Page(
        concierge_page,
        routes.CONCIERGE,
        "title.concierge",
        _signed_in(ConciergeState.load),
        (ConciergeFilesState,),
    ),
    Page(settings_page, routes.SETTINGS, "title.settings", _signed_in(SettingsState.load)),
    Page(
        admin_concierge_page,
        routes.ADMIN_CONCIERGE,
        "title.concierge_queue",
        _signed_in(AdminConciergeState.load),
        (AdminConciergeDetailState, ConciergeFilesState),
    ),
    Page(
        admin_console_page,
        routes.ADMIN_CASTARS,
        "title.console",
        _signed_in(*ADMIN_CONSOLE_ON_LOAD),
    ),
)


def _title(page: Page, text: Any) -> Any:
    return text if page.route == routes.HOME else "CasTyou · " + text


def _with_meta(page: Page) -> Callable[[], rx.Component]:
    """The page plus its title and ``<html lang>`` in the viewer's language.

    ``wraps`` keeps the page's module: Reflex groups each page's memoized parts by it,
    so a page's bundle holds only its own components and libraries.
    """

    @functools.wraps(page.component)
    def component() -> rx.Component:
        title = _title(page, SessionState.tr[page.title_key].to(str))
        return rx.fragment(document_meta(title=title, lang=SessionState.lang), page.component())

    return component


app = rx.App(
    api_transformer=[api, immutable_assets, webhook_lane],
    stylesheets=["/castyou.css"],
    # Plain toasts: sonner's rich colours fall short of WCAG contrast in light mode.
    toaster=rx.toast.provider(rich_colors=False, close_button=True),
    head_components=[
        rx.el.meta(name="viewport", content="width=device-width, initial-scale=1"),
        rx.el.link(rel="icon", href="/favicon.ico", sizes="any"),
    ],
)

app.add_middleware(TabOwnerMiddleware())
app.register_lifespan_task(outbox.sweep_forever)

for page in PAGES:
    app.add_page(
        _with_meta(page),
        route=page.route,
        title=str(_title(page, t(page.title_key, "en"))),
        on_load=page.on_load,
    )
    live_registry.set_page(page.route, page.on_load, page.shows)

app.register_lifespan_task(live_push_task)
