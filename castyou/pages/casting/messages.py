"""/messages — conversations and the open thread."""

from typing import Any

import reflex as rx

from castyou.components.i18n import tr
from castyou.components.shell import protected
from castyou.state.casting.messages import MessagesState


def _conversation(item: Any) -> rx.Component:
    return rx.button(
        rx.vstack(
            rx.text(item.other_name, weight="bold"),
            rx.cond(item.job_title != "", rx.text(item.job_title, size="1")),
            spacing="0",
            align="start",
        ),
        variant=rx.cond(MessagesState.open_id == item.id, "solid", "soft"),
        on_click=MessagesState.open(item.id),  # type: ignore[operator]
        width="100%",
        height="auto",
        padding="0.5rem",
        class_name="conversation",
    )


def _message(item: Any) -> rx.Component:
    return rx.box(
        rx.text(item.body, white_space="pre-wrap"),
        rx.text(item.when, size="1", color_scheme="gray"),
        align_self=rx.cond(item.mine, "flex-end", "flex-start"),
        background_color=rx.cond(item.mine, "var(--accent-a4)", "var(--gray-a3)"),
        padding="0.5rem 0.75rem",
        border_radius="0.5rem",
        max_width="80%",
        class_name="message",
    )


def _thread() -> rx.Component:
    return rx.vstack(
        rx.vstack(rx.foreach(MessagesState.thread, _message), width="100%", id="thread"),
        rx.form(
            rx.hstack(
                rx.input(
                    name="body",
                    id="message-body",
                    required=True,
                    max_length=2000,
                    flex="1",
                    placeholder=tr("messages.placeholder"),
                ),
                rx.button(tr("messages.send"), type="submit", id="message-send"),
                width="100%",
            ),
            on_submit=MessagesState.send,
            key=MessagesState.form_version.to(str),
            width="100%",
        ),
        width="100%",
    )


def messages_page() -> rx.Component:
    return protected(
        rx.vstack(
            rx.heading(tr("messages.title"), size="6", id="messages-title"),
            rx.cond(
                MessagesState.conversations.length() == 0,
                rx.text(tr("messages.empty"), color_scheme="gray", id="messages-empty"),
                rx.flex(
                    rx.vstack(
                        rx.foreach(MessagesState.conversations, _conversation),
                        width=["100%", "100%", "16rem"],
                        flex_shrink="0",
                    ),
                    _thread(),
                    direction=rx.breakpoints(initial="column", md="row"),
                    spacing="4",
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
        )
    )
