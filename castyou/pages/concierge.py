"""/concierge — pick a tier, describe who you need, follow "My requests"."""

from __future__ import annotations

from typing import Any

import reflex as rx

from castyou.components.concierge import candidate_item, label, message_bubble, status_badge
from castyou.components.concierge_files import files_block
from castyou.components.i18n import tr
from castyou.components.shell import protected
from castyou.services.concierge.requester import DESCRIPTION_MAX
from castyou.state.concierge import ConciergeState
from castyou.state.session import SessionState


def _tier_card(tier: Any) -> rx.Component:
    return rx.radio_cards.item(
        rx.vstack(
            rx.text(label("concierge.type.", tier.type), weight="bold", size="4"),
            rx.text(tier.cost_text, weight="medium", class_name="tier-cost"),
            rx.text(tier.sla_text, size="1", color_scheme="gray"),
            rx.foreach(tier.examples, lambda example: rx.text(example, size="1")),
            # Text only: a link inside a radio card would nest controls (the selected
            # tier's "buy" link is in the callout under the form).
            rx.cond(
                tier.short_text != "",
                rx.text(tier.short_text, size="1", color_scheme="red", class_name="tier-short"),
            ),
            spacing="1",
            align="start",
            width="100%",
        ),
        value=tier.type,
        id="tier-" + tier.type.to(str),
        align_items="start",
        justify_content="start",
        height="100%",
    )


def _request_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(tr("concierge.choose_tier"), weight="medium"),
            rx.radio_cards.root(
                rx.foreach(ConciergeState.tiers, _tier_card),
                value=ConciergeState.selected_type,
                on_value_change=ConciergeState.set_type,
                columns=rx.breakpoints(initial="1", sm="3"),
                width="100%",
            ),
            rx.el.input(type="hidden", name="request_type", value=ConciergeState.selected_type),
            rx.el.input(type="hidden", name="idempotency_key", value=ConciergeState.form_key),
            rx.el.label(
                tr("concierge.description"), html_for="description", class_name="field-label"
            ),
            rx.text_area(
                name="description",
                id="description",
                value=ConciergeState.description,
                on_change=ConciergeState.set_description,
                debounce_timeout=150,
                placeholder=tr("concierge.description_placeholder"),
                max_length=DESCRIPTION_MAX,
                rows="4",
                width="100%",
            ),
            rx.text(
                ConciergeState.description_count.to_string() + f" / {DESCRIPTION_MAX}",
                size="1",
                color_scheme=rx.cond(
                    ConciergeState.description_ok | (ConciergeState.description_count == 0),
                    "gray",
                    "red",
                ),
                id="description-counter",
                align="right",
                width="100%",
            ),
            rx.cond(
                ConciergeState.selected_short_text != "",
                rx.callout(
                    rx.hstack(
                        rx.text(ConciergeState.selected_short_text),
                        rx.link(
                            tr("concierge.buy_castars"),
                            href=ConciergeState.selected_buy_href,
                            id="buy-link",
                        ),
                        wrap="wrap",
                    ),
                    icon="wallet",
                    color_scheme="amber",
                    id="need-more",
                ),
            ),
            rx.button(
                rx.cond(ConciergeState.submitting, rx.spinner(size="1")),
                ConciergeState.submit_label,
                type="submit",
                id="concierge-submit",
                size="3",
                disabled=ConciergeState.submitting
                | ~ConciergeState.description_ok
                | (ConciergeState.selected_short_text != ""),
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=ConciergeState.submit,
        reset_on_submit=False,
        width="100%",
    )


def _thread(request: Any) -> rx.Component:
    return rx.vstack(
        files_block(can_upload=(request.status == "PENDING") | (request.status == "IN_PROGRESS")),
        rx.foreach(ConciergeState.thread, message_bubble),
        rx.cond(
            ConciergeState.thread.length() == 0,
            rx.text(tr("concierge.no_messages"), size="2", color_scheme="gray"),
        ),
        rx.form(
            rx.hstack(
                rx.el.input(type="hidden", name="request_id", value=request.id.to_string()),
                rx.input(
                    name="body",
                    placeholder=tr("concierge.message_placeholder"),
                    id="message-body",
                    width="100%",
                ),
                rx.button(tr("concierge.send"), type="submit", id="message-send"),
                width="100%",
            ),
            on_submit=ConciergeState.send_message,
            reset_on_submit=True,
            width="100%",
        ),
        width="100%",
        spacing="2",
        class_name="thread",
    )


def _star(value: int) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="radio",
            name="rating",
            value=str(value),
            required=True,
            aria_label=SessionState.tr["concierge.stars_n"].to(str).replace("{n}", str(value)),
        ),
        rx.el.span("★", aria_hidden="true"),
        title=SessionState.tr["concierge.stars_n"].to(str).replace("{n}", str(value)),
    )


def _star_rating() -> rx.Component:
    """Five stars; native radio inputs underneath, so keyboard and screen readers work."""
    return rx.el.fieldset(
        rx.el.legend(tr("concierge.rate"), class_name="visually-hidden"),
        *[_star(value) for value in (5, 4, 3, 2, 1)],
        class_name="star-rating",
        id="rating",
    )


def _rating(request: Any) -> rx.Component:
    return rx.cond(
        request.can_rate,
        rx.form(
            rx.vstack(
                rx.text(tr("concierge.rate"), weight="medium", aria_hidden="true"),
                rx.el.input(type="hidden", name="request_id", value=request.id.to_string()),
                _star_rating(),
                rx.input(name="comment", placeholder=tr("concierge.rating_comment"), width="100%"),
                rx.button(tr("concierge.submit_rating"), type="submit", id="rating-submit"),
                spacing="2",
                width="100%",
            ),
            on_submit=ConciergeState.rate,
            width="100%",
        ),
        rx.cond(
            request.rating > 0,
            rx.text(
                tr("concierge.your_rating"),
                ": ",
                request.rating.to_string(),
                "/5",
                size="2",
                class_name="my-rating",
            ),
        ),
    )


def _request_card(request: Any) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                status_badge(request.status, class_name="request-status"),
                rx.text(label("concierge.type.", request.type), weight="bold"),
                rx.text(request.cost_text, size="2"),
                rx.text(request.created_text, size="1", color_scheme="gray"),
                rx.cond(request.overdue, rx.badge(tr("concierge.overdue"), color_scheme="red")),
                rx.text(request.due_text, size="1", color_scheme="gray"),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            rx.text(request.description, white_space="pre-wrap", class_name="request-description"),
            rx.cond(
                request.admin_notes != "",
                rx.callout(
                    rx.text(tr("concierge.team_notes"), ": ", request.admin_notes),
                    icon="message-square",
                    size="1",
                    class_name="team-notes",
                ),
            ),
            rx.cond(
                request.candidates.length() > 0,
                rx.vstack(
                    rx.text(tr("concierge.candidates"), weight="medium"),
                    rx.foreach(request.candidates, candidate_item),
                    spacing="1",
                    class_name="candidates",
                ),
            ),
            _rating(request),
            rx.hstack(
                rx.button(
                    rx.cond(
                        ConciergeState.open_id == request.id,
                        tr("concierge.hide"),
                        tr("concierge.thread"),
                    ),
                    variant="soft",
                    size="1",
                    on_click=ConciergeState.toggle_thread(request.id),  # type: ignore[operator]
                    class_name="thread-toggle",
                ),
                rx.cond(
                    request.can_cancel,
                    rx.button(
                        tr("concierge.cancel_request"),
                        color_scheme="red",
                        variant="outline",
                        size="1",
                        on_click=ConciergeState.cancel(request.id),  # type: ignore[operator]
                        class_name="cancel-request",
                    ),
                ),
                spacing="2",
            ),
            rx.cond(ConciergeState.open_id == request.id, _thread(request)),
            spacing="2",
            width="100%",
        ),
        id="request-" + request.id.to_string(),
        width="100%",
    )


def concierge_page() -> rx.Component:
    return protected(
        rx.vstack(
            rx.heading(tr("concierge.title"), size="7", id="concierge-title"),
            rx.text(tr("concierge.intro"), color_scheme="gray"),
            rx.text(ConciergeState.balance_text, weight="medium", id="concierge-balance"),
            rx.card(_request_form(), width="100%"),
            rx.heading(tr("concierge.my_requests"), size="5"),
            rx.cond(
                ConciergeState.loaded & (ConciergeState.requests.length() == 0),
                rx.text(tr("concierge.no_requests"), color_scheme="gray", id="no-requests"),
            ),
            rx.vstack(
                rx.foreach(ConciergeState.requests, _request_card),
                width="100%",
                id="my-requests",
            ),
            spacing="4",
            width="100%",
        )
    )
