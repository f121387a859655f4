"""Header widgets: the CasTars balance (FE-CASTARS-001) and the notification bell."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou import routes
from castyou.components.i18n import tr
from castyou.state.castars.hub import WalletState
from castyou.state.notifications import NotificationRow, NotificationState

_GLOW_CSS = (
    "@keyframes castars-glow {"
    "0%, 100% { box-shadow: 0 0 0 0 var(--amber-a6); }"
    "50% { box-shadow: 0 0 12px 4px var(--amber-a9); } }"
)


def _mini_panel() -> rx.Component:
    return rx.vstack(
        rx.text(tr("castars.widget_label"), size="1", color_scheme="gray"),
        rx.hstack(
            rx.icon("star", color="var(--amber-9)"),
            rx.heading(WalletState.balance_text, size="6", id="castars-panel-balance"),
            align="center",
        ),
        rx.cond(
            WalletState.bounty_ready,
            rx.callout(tr("castars.bounty_waiting"), icon="gift", size="1", color_scheme="amber"),
        ),
        rx.hstack(
            rx.link(
                rx.button(tr("castars.buy"), size="2"), href=routes.CASTARS_BUY, id="castars-buy"
            ),
            rx.link(
                rx.button(tr("castars.rewards"), size="2", variant="outline"),
                href=routes.CASTARS,
                id="castars-rewards",
            ),
            spacing="2",
        ),
        spacing="2",
    )


def balance_widget() -> rx.Component:
    """Star + balance; opens a mini panel; glows while an unredeemed Bounty exists."""
    return rx.box(
        rx.el.style(_GLOW_CSS),
        rx.popover.root(
            rx.popover.trigger(
                rx.button(
                    rx.icon("star", size=16, color="var(--amber-9)"),
                    rx.el.span(tr("castars.widget_label"), class_name="visually-hidden"),
                    rx.text(WalletState.balance_text, id="castars-balance"),
                    variant="soft",
                    color_scheme="gray",
                    size="2",
                    id="castars-widget",
                    custom_attrs={"data-glow": rx.cond(WalletState.bounty_ready, "on", "off")},
                    animation=rx.cond(
                        WalletState.bounty_ready, "castars-glow 1.6s ease-in-out infinite", "none"
                    ),
                )
            ),
            rx.popover.content(_mini_panel(), max_width="min(20rem, 92vw)"),
        ),
    )


def _notification_item(item: ObjectVar[NotificationRow]) -> rx.Component:
    text = rx.text(item.text, size="2", weight=rx.cond(item.unread, "bold", "regular"))
    return rx.hstack(
        rx.vstack(
            rx.cond(item.link != "", rx.link(text, href=item.link), text),
            rx.text(item.when, size="1", color_scheme="gray"),
            spacing="0",
            flex="1",
        ),
        rx.cond(
            item.unread,
            rx.icon_button(
                rx.icon("check", size=14),
                size="1",
                variant="ghost",
                aria_label=tr("notifications.mark_read"),
                on_click=NotificationState.mark_read(item.id),  # type: ignore[operator]
                id="notification-read-" + item.id.to(str),
            ),
        ),
        width="100%",
        align="start",
        class_name="notification-item",
    )


def notification_bell() -> rx.Component:
    """The bell with the unread count; the list marks items read one by one or all at once."""
    return rx.box(
        rx.popover.root(
            rx.popover.trigger(
                rx.button(
                    rx.icon("bell", size=16),
                    rx.el.span(tr("notifications.title"), class_name="visually-hidden"),
                    rx.cond(
                        NotificationState.unread > 0,
                        rx.badge(
                            NotificationState.unread, color_scheme="red", id="notification-count"
                        ),
                    ),
                    variant="ghost",
                    size="2",
                    id="notification-bell",
                )
            ),
            rx.popover.content(
                rx.vstack(
                    rx.hstack(
                        rx.heading(tr("notifications.title"), size="3"),
                        rx.button(
                            tr("notifications.mark_all_read"),
                            size="1",
                            variant="soft",
                            on_click=NotificationState.mark_all_read,
                            disabled=NotificationState.unread == 0,
                            id="notifications-mark-all",
                        ),
                        justify="between",
                        width="100%",
                    ),
                    rx.cond(
                        NotificationState.items.length() > 0,
                        rx.vstack(
                            rx.foreach(NotificationState.items, _notification_item), width="100%"
                        ),
                        rx.text(tr("notifications.empty"), size="2", color_scheme="gray"),
                    ),
                    width="100%",
                ),
                width="min(22rem, 92vw)",
                max_height="70vh",
                overflow_y="auto",
            ),
        ),
    )
