"""/ — the signed-in user's home, or a welcome for visitors."""

import reflex as rx

from castyou import routes
from castyou.components.i18n import tr
from castyou.components.shell import page_frame
from castyou.state.session import SessionState


def home_page() -> rx.Component:
    return page_frame(
        rx.cond(
            SessionState.is_authenticated,
            rx.vstack(
                rx.heading(
                    SessionState.tr["home.welcome"]
                    .to(str)
                    .replace("{name}", SessionState.viewer_name),
                    size="7",
                    id="welcome",
                ),
                rx.text(tr("home.intro"), color_scheme="gray"),
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
                    )
                ),
                spacing="4",
            ),
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
