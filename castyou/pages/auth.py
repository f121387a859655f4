"""/login and /signup."""

import reflex as rx

from castyou import routes
from castyou.components.i18n import tr
from castyou.components.shell import page_frame
from castyou.state.auth import AuthFormState


def _field(label_key: str, name: str, type_: str = "text", required: bool = True) -> rx.Component:
    return rx.vstack(
        rx.el.label(tr(label_key), html_for=name, class_name="field-label"),
        rx.input(name=name, id=name, type=type_, required=required, width="100%", size="3"),
        spacing="1",
        width="100%",
    )


def _error() -> rx.Component:
    return rx.cond(
        AuthFormState.form_error != "",
        rx.callout(
            AuthFormState.form_error, icon="triangle-alert", color_scheme="red", id="form-error"
        ),
    )


def _card(*children: rx.Component) -> rx.Component:
    return rx.center(
        rx.card(rx.vstack(*children, spacing="4", width="100%"), width="100%", max_width="26rem"),
        padding_top=["1rem", "3rem"],
    )


def login_page() -> rx.Component:
    return page_frame(
        _card(
            rx.heading(tr("auth.login_title"), size="6"),
            rx.cond(
                AuthFormState.just_signed_out,
                rx.callout(
                    tr("auth.logged_out"),
                    icon="circle-check",
                    color_scheme="green",
                    id="logged-out-notice",
                    width="100%",
                ),
            ),
            _error(),
            rx.form(
                rx.vstack(
                    _field("auth.email", "email", "email"),
                    _field("auth.password", "password", "password"),
                    rx.button(
                        tr("auth.submit_login"),
                        type="submit",
                        width="100%",
                        size="3",
                        id="login-submit",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=AuthFormState.log_in,
                width="100%",
            ),
            rx.link(tr("auth.no_account"), href=routes.SIGNUP, size="2"),
        ),
        visitor=True,
    )


def signup_page() -> rx.Component:
    return page_frame(
        _card(
            rx.heading(tr("auth.signup_title"), size="6"),
            _error(),
            rx.form(
                rx.vstack(
                    _field("auth.email", "email", "email"),
                    _field("auth.password", "password", "password"),
                    _field("auth.display_name", "display_name"),
                    rx.vstack(
                        rx.text(tr("auth.role"), size="2", weight="medium"),
                        rx.radio_group.root(
                            rx.hstack(
                                rx.radio_group.item(
                                    value="TALENT", id="role-talent", aria_label=tr("role.TALENT")
                                ),
                                rx.el.label(tr("role.TALENT"), html_for="role-talent"),
                                rx.radio_group.item(
                                    value="PRODUCER",
                                    id="role-producer",
                                    aria_label=tr("role.PRODUCER"),
                                ),
                                rx.el.label(tr("role.PRODUCER"), html_for="role-producer"),
                                spacing="2",
                                align="center",
                            ),
                            name="role",
                            default_value="TALENT",
                        ),
                        spacing="1",
                    ),
                    _field("auth.referral_code", "referral_code", required=False),
                    rx.button(
                        tr("auth.submit_signup"),
                        type="submit",
                        width="100%",
                        size="3",
                        id="signup-submit",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=AuthFormState.sign_up,
                width="100%",
            ),
            rx.link(tr("auth.have_account"), href=routes.LOGIN, size="2"),
        ),
        visitor=True,
    )
