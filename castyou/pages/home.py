"""/ — the signed-in user's dashboard, or a welcome for visitors."""

import reflex as rx
from reflex.vars import ObjectVar

from castyou import routes
from castyou.components.i18n import tr
from castyou.components.shell import page_frame
from castyou.state.home import BoostRow, HomeState, StepRow
from castyou.state.session import SessionState


def _tile(title_key: str, *children: rx.Component, element_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(tr(title_key), size="2", weight="bold", color_scheme="gray"),
            *children,
            spacing="2",
            width="100%",
        ),
        width="100%",
        id=element_id,
    )


def _balance() -> rx.Component:
    return _tile(
        "home.balance",
        rx.hstack(
            rx.heading(HomeState.balance_text, size="7", id="home-balance"),
            rx.text(tr("home.balance_unit"), color_scheme="gray"),
            align="baseline",
        ),
        rx.link(tr("home.buy"), href=routes.CASTARS_BUY, size="2"),
        element_id="home-balance-tile",
    )


def _bounty() -> rx.Component:
    return _tile(
        "home.bounty",
        rx.progress(
            value=HomeState.bounty_percent, max=100, width="100%", aria_label=tr("home.bounty")
        ),
        rx.text(HomeState.bounty_text, size="2", id="home-bounty"),
        rx.cond(
            HomeState.bounties_ready > 0,
            rx.link(tr("home.bounty_ready"), href=routes.CASTARS, size="2", weight="bold"),
        ),
        element_id="home-bounty-tile",
    )


def _boost(row: ObjectVar[BoostRow]) -> rx.Component:
    return rx.hstack(
        rx.badge(row.name, color_scheme="amber"),
        rx.text(row.until, size="1", color_scheme="gray"),
        align="center",
    )


def _boosts() -> rx.Component:
    return _tile(
        "home.boosts",
        rx.cond(
            HomeState.boosts.length() > 0,
            rx.vstack(rx.foreach(HomeState.boosts, _boost), spacing="1"),
            rx.text(tr("home.boosts_none"), size="2", color_scheme="gray"),
        ),
        element_id="home-boosts",
    )


def _concierge() -> rx.Component:
    return _tile(
        "home.concierge",
        rx.text(HomeState.concierge_text, size="2", id="home-concierge"),
        rx.link(tr("nav.concierge"), href=routes.CONCIERGE, size="2"),
        element_id="home-concierge-tile",
    )


def _step(row: ObjectVar[StepRow]) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon("arrow-right", size=14), rx.text(row.text), align="center"),
        href=row.href,
        size="2",
    )


def _dashboard() -> rx.Component:
    return rx.vstack(
        rx.heading(
            SessionState.tr["home.welcome"].to(str).replace("{name}", SessionState.viewer_name),
            size="7",
            id="welcome",
        ),
        rx.grid(
            _balance(),
            _bounty(),
            _boosts(),
            _concierge(),
            columns=rx.breakpoints(initial="1", sm="2", md="4"),
            spacing="3",
            width="100%",
        ),
        rx.grid(
            _tile(
                "home.next_steps",
                rx.vstack(rx.foreach(HomeState.steps, _step), spacing="2", id="home-steps"),
                element_id="home-next-steps",
            ),
            rx.card(
                rx.vstack(
                    rx.text(
                        SessionState.tr["home.referral"]
                        .to(str)
                        .replace("{code}", SessionState.viewer_referral_code),
                        weight="bold",
                        id="referral-code",
                    ),
                    rx.text(tr("home.referral_hint"), size="2", color_scheme="gray"),
                    rx.cond(
                        HomeState.referrals_text != "",
                        rx.text(HomeState.referrals_text, size="2", id="referral-status"),
                    ),
                ),
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def home_page() -> rx.Component:
    return page_frame(
        rx.cond(
            SessionState.is_authenticated,
            _dashboard(),
            rx.vstack(
                rx.heading(tr("app.name"), size="8"),
                rx.text(tr("app.tagline"), size="4"),
                rx.text(tr("home.anonymous_intro")),
                rx.hstack(
                    rx.link(rx.button(tr("nav.signup")), href=routes.SIGNUP),
                    rx.link(rx.button(tr("nav.login"), variant="outline"), href=routes.LOGIN),
                ),
                spacing="4",
                padding_top="2rem",
            ),
        )
    )
