"""The Reflex app: every page and its on_load guards are registered here."""

import reflex as rx

from castyou import routes
from castyou.api.app import api
from castyou.pages.admin_castars import ON_LOAD as ADMIN_CASTARS_ON_LOAD
from castyou.pages.admin_castars import admin_castars_page
from castyou.pages.admin_concierge import admin_concierge_page
from castyou.pages.auth import login_page, signup_page
from castyou.pages.buy import buy_page
from castyou.pages.castars import castars_page
from castyou.pages.concierge import concierge_page
from castyou.pages.home import home_page
from castyou.pages.receipt import receipt_page
from castyou.pages.store_pages import register_store_pages
from castyou.state.admin_concierge import AdminConciergeState
from castyou.state.buy import BuyState
from castyou.state.castars import CastarsState
from castyou.state.concierge import ConciergeState
from castyou.state.receipt import ReceiptState
from castyou.state.session import SessionState

app = rx.App(
    api_transformer=api,
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
)

app.add_page(home_page, route=routes.HOME, title="CasTyou", on_load=SessionState.load_session)
app.add_page(
    login_page, route=routes.LOGIN, title="CasTyou · Log in", on_load=SessionState.load_session
)
app.add_page(
    signup_page, route=routes.SIGNUP, title="CasTyou · Sign up", on_load=SessionState.load_session
)
app.add_page(
    admin_concierge_page,
    route=routes.ADMIN_CONCIERGE,
    title="CasTyou · Concierge queue",
    on_load=[SessionState.require_login, AdminConciergeState.load],
)
app.add_page(
    concierge_page,
    route=routes.CONCIERGE,
    title="CasTyou · Concierge",
    on_load=[SessionState.require_login, ConciergeState.load],
)
app.add_page(
    castars_page,
    route=routes.CASTARS,
    title="CasTyou · CasTars",
    on_load=[SessionState.require_login, CastarsState.load],
)
app.add_page(
    admin_castars_page,
    route=routes.ADMIN_CASTARS,
    title="CasTyou · CasTars console",
    on_load=ADMIN_CASTARS_ON_LOAD,
)
app.add_page(
    buy_page,
    route=routes.CASTARS_BUY,
    title="CasTyou · Buy CasTars",
    on_load=[SessionState.require_login, BuyState.load],
)
app.add_page(
    receipt_page,
    route=routes.CASTARS_RECEIPT,
    title="CasTyou · Receipt",
    on_load=[SessionState.require_login, ReceiptState.load],
)
register_store_pages(app)
