"""The app shell: header (brand, role navigation, language, theme, user menu) and page frame."""

from __future__ import annotations

import reflex as rx

from castyou import routes
from castyou.components.castars_widget import balance_widget, notification_bell
from castyou.components.i18n import tr
from castyou.components.live_resync import live_resync
from castyou.components.nav import NAV_ITEMS, NavItem
from castyou.i18n import LANGUAGE_NAMES
from castyou.state.session import SessionState

# Widgets other features place in the header (balance widget, notification bell).
HEADER_WIDGETS: list = [balance_widget(), notification_bell()]


def _visible_for(item: NavItem) -> rx.Var[bool]:
    return rx.Var.create([role.value for role in item.roles]).contains(SessionState.viewer_role)


def _nav_link(item: NavItem) -> rx.Component:
    return rx.cond(
        _visible_for(item),
        rx.link(tr(item.label_key), href=item.route, size="2", weight="medium", underline="none"),
    )


def _mobile_nav_item(item: NavItem) -> rx.Component:
    return rx.cond(
        _visible_for(item),
        rx.menu.item(tr(item.label_key), on_click=rx.redirect(item.route)),
    )


def language_picker() -> rx.Component:
    """A native select: light, and the phone's own picker on small screens."""
    return rx.el.select(
        *[rx.el.option(name, value=code) for code, name in LANGUAGE_NAMES.items()],
        value=SessionState.lang,
        on_change=SessionState.set_language,
        aria_label=tr("shell.language"),
        id="language-picker",
        class_name="language-picker",
    )


def user_menu() -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                rx.icon("circle-user", size=16),
                rx.text(
                    SessionState.viewer_name,
                    class_name="user-name",
                    display=["none", "inline"],
                    max_width="12rem",
                    overflow="hidden",
                    text_overflow="ellipsis",
                    white_space="nowrap",
                ),
                variant="soft",
                color_scheme="gray",
                size="2",
                id="user-menu",
                aria_label=SessionState.viewer_name,
            )
        ),
        rx.menu.content(
            rx.box(rx.text(SessionState.viewer_email, size="2"), padding_x="0.5rem"),
            rx.box(
                rx.text(
                    SessionState.tr["role." + SessionState.viewer_role].to(str),
                    size="1",
                    color_scheme="gray",
                    id="user-role",
                ),
                padding_x="0.5rem",
            ),
            rx.menu.separator(),
            rx.menu.item(tr("nav.logout"), on_click=SessionState.log_out, id="logout"),
        ),
    )


def _mobile_menu() -> rx.Component:
    return rx.mobile_only(
        rx.menu.root(
            rx.menu.trigger(
                rx.icon_button(rx.icon("menu"), variant="ghost", aria_label=tr("nav.menu"))
            ),
            rx.menu.content(*[_mobile_nav_item(item) for item in NAV_ITEMS]),
        )
    )


def _brand() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.image(src="/logo.svg", width="24px", height="24px", alt=""),
            rx.heading(tr("app.name"), size="5"),
            align="center",
            spacing="2",
        ),
        href=routes.HOME,
        underline="none",
    )


def _visitor_links() -> rx.Component:
    return rx.hstack(
        rx.link(tr("nav.login"), href=routes.LOGIN),
        rx.link(tr("nav.signup"), href=routes.SIGNUP),
        spacing="3",
    )


def _header_bar(left: list[rx.Component], right: list[rx.Component]) -> rx.Component:
    return rx.hstack(
        rx.hstack(*left, align="center", spacing="4"),
        rx.hstack(
            *right[:-1],
            language_picker(),
            rx.color_mode.button(size="2", variant="ghost", aria_label=tr("shell.theme")),
            right[-1],
            align="center",
            spacing="2",
        ),
        justify="between",
        align="center",
        width="100%",
        padding_x=["0.75rem", "1rem", "1.5rem"],
        padding_y="0.75rem",
        border_bottom="1px solid var(--gray-a5)",
        position="sticky",
        top="0",
        z_index="10",
        background_color="var(--color-background)",
        wrap="wrap",
        class_name="app-header",
    )


def header() -> rx.Component:
    return _header_bar(
        [
            rx.cond(SessionState.is_authenticated, _mobile_menu()),
            _brand(),
            rx.cond(
                SessionState.is_authenticated,
                rx.tablet_and_desktop(
                    rx.hstack(*[_nav_link(item) for item in NAV_ITEMS], spacing="4")
                ),
            ),
        ],
        [
            rx.cond(SessionState.is_authenticated, rx.hstack(*HEADER_WIDGETS, spacing="2")),
            rx.cond(SessionState.is_authenticated, user_menu(), _visitor_links()),
        ],
    )


def visitor_header() -> rx.Component:
    """The header of the log-in and sign-up pages: no menus, so their bundle stays small."""
    return _header_bar([_brand()], [_visitor_links()])


def live_updates() -> rx.Component:
    """Signed-in pages get changes pushed; this re-reads them once a minute while visible."""
    return rx.cond(SessionState.is_authenticated, live_resync(SessionState.resync))


def page_frame(*children: rx.Component, visitor: bool = False) -> rx.Component:
    """A page inside the shell, padded and width-limited, usable down to phone width.

    ``visitor`` pages (log in, sign up) get the light header without menus or live updates.
    """
    return rx.box(
        visitor_header() if visitor else header(),
        rx.fragment() if visitor else live_updates(),
        rx.box(
            *children,
            width="100%",
            max_width="72rem",
            margin_x="auto",
            padding=["0.75rem", "1rem", "1.5rem"],
        ),
        min_height="100vh",
    )


def not_allowed_panel() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.heading(tr("not_allowed.title"), size="4", id="not-allowed"),
            rx.text(tr("not_allowed.body")),
            rx.link(tr("common.back_home"), href=routes.HOME),
        ),
        icon="shield-alert",
        color_scheme="red",
    )


def loading_panel() -> rx.Component:
    return rx.center(rx.spinner(size="3"), padding="3rem")


def protected(*children: rx.Component) -> rx.Component:
    """Show ``children`` to signed-in users (the on_load guard redirects the rest)."""
    return page_frame(
        rx.cond(SessionState.is_authenticated, rx.fragment(*children), loading_panel())
    )


def admin_only(*children: rx.Component) -> rx.Component:
    """Show ``children`` to admins and a "not allowed" page to everyone else.

    This only decides what is shown: every admin handler checks the role itself.
    """
    return page_frame(
        rx.cond(
            SessionState.is_admin,
            rx.fragment(*children),
            rx.cond(SessionState.is_authenticated, not_allowed_panel(), loading_panel()),
        )
    )
