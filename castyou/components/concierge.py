"""Concierge pieces shared by /concierge and /admin/concierge."""

from __future__ import annotations

import reflex as rx

from castyou.components.i18n import tr
from castyou.state.concierge_views import CandidateView, MessageView
from castyou.state.session import SessionState


def label(prefix: str, value: rx.Var) -> rx.Var[str]:
    """The translation of ``prefix + value`` (e.g. a status or tier name)."""
    return SessionState.tr[prefix + value.to(str)].to(str)


def status_badge(status: rx.Var, **props) -> rx.Component:  # type: ignore[no-untyped-def]
    color = rx.match(
        status,
        ("PENDING", "amber"),
        ("IN_PROGRESS", "blue"),
        ("FULFILLED", "green"),
        "gray",
    )
    return rx.badge(label("concierge.status.", status), color_scheme=color, **props)


def candidate_item(candidate: CandidateView) -> rx.Component:
    """A delivered candidate; links open in a new tab without access to this page."""
    return rx.vstack(
        rx.cond(
            candidate.link != "",
            rx.el.a(
                candidate.name,
                href=candidate.link,
                target="_blank",
                rel="noopener noreferrer",
                class_name="candidate-link",
                style={"color": "var(--accent-11)", "fontWeight": "500"},
            ),
            rx.text(candidate.name, weight="medium"),
        ),
        rx.cond(candidate.notes != "", rx.text(candidate.notes, size="2", color_scheme="gray")),
        spacing="0",
    )


def message_bubble(message: MessageView) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(message.author, size="1", weight="bold"),
            rx.text(message.when, size="1", color_scheme="gray"),
            rx.cond(
                message.internal,
                rx.badge(tr("admin_concierge.internal"), color_scheme="orange", size="1"),
            ),
            spacing="2",
            wrap="wrap",
        ),
        rx.text(message.body, size="2", white_space="pre-wrap", class_name="message-body"),
        padding="0.5rem 0.75rem",
        border_radius="8px",
        background=rx.cond(
            message.internal,
            "var(--orange-a3)",
            rx.cond(message.mine, "var(--accent-a3)", "var(--gray-a3)"),
        ),
        width="100%",
    )
