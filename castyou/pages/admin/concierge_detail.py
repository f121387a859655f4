"""The open request on /admin/concierge: thread, internal notes, audit trail, fulfil dialog."""

from __future__ import annotations

from typing import Any

import reflex as rx

from castyou.components.concierge import candidate_item, label, message_bubble, status_badge
from castyou.components.concierge_files import files_block
from castyou.components.i18n import tr
from castyou.state.admin.concierge_detail import AdminConciergeDetailState as Detail

_DETAIL: Any = Detail.detail
_OPEN = (_DETAIL.status == "PENDING") | (_DETAIL.status == "IN_PROGRESS")


def _candidate_row(row: Any, index: rx.Var[int]) -> rx.Component:
    def field(name: str, key: str, value: rx.Var) -> rx.Component:
        return rx.input(
            value=value,
            placeholder=tr(key),
            on_change=lambda text: Detail.set_row_field(index, name, text),  # type: ignore[operator]
            class_name=f"candidate-{name}",
            flex="1",
            min_width="8rem",
        )

    return rx.flex(
        field("name", "admin_concierge.candidate_name", row.name),
        field("link", "admin_concierge.candidate_link", row.link),
        field("notes", "admin_concierge.candidate_notes", row.notes),
        rx.icon_button(
            rx.icon("x"),
            variant="soft",
            color_scheme="red",
            aria_label=tr("admin_concierge.remove_candidate"),
            on_click=Detail.remove_row(index),  # type: ignore[operator]
            class_name="remove-candidate",
        ),
        spacing="2",
        wrap="wrap",
        width="100%",
        class_name="candidate-row",
    )


def _fulfil_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.button(tr("admin_concierge.fulfil"), id="fulfil-open", color_scheme="green")
        ),
        rx.dialog.content(
            rx.dialog.title(tr("admin_concierge.fulfil_title")),
            rx.vstack(
                rx.foreach(Detail.fulfil_rows, _candidate_row),
                rx.button(
                    rx.icon("plus"),
                    tr("admin_concierge.add_candidate"),
                    variant="soft",
                    on_click=Detail.add_row,
                    id="add-candidate",
                ),
                rx.text_area(
                    value=Detail.fulfil_note,
                    on_change=Detail.set_fulfil_note,
                    placeholder=tr("admin_concierge.note"),
                    id="fulfil-note",
                    width="100%",
                ),
                rx.hstack(
                    rx.dialog.close(rx.button(tr("common.cancel"), variant="soft")),
                    rx.button(
                        tr("admin_concierge.fulfil"),
                        on_click=Detail.submit_fulfil,
                        id="fulfil-submit",
                        color_scheme="green",
                    ),
                    justify="end",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            max_width="44rem",
        ),
        open=Detail.fulfil_open,
        on_open_change=Detail.set_fulfil_open,
    )


def _message_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text_area(name="body", id="admin-message-body", width="100%", rows="2"),
            rx.hstack(
                rx.text(
                    rx.flex(
                        rx.checkbox(
                            name="internal",
                            id="admin-message-internal",
                            aria_label=tr("admin_concierge.internal"),
                        ),
                        tr("admin_concierge.internal"),
                        spacing="2",
                    ),
                    as_="label",
                    size="2",
                ),
                rx.button(tr("concierge.send"), type="submit", id="admin-message-send"),
                justify="between",
                width="100%",
            ),
            rx.text(tr("admin_concierge.internal_hint"), size="1", color_scheme="gray"),
            width="100%",
        ),
        on_submit=Detail.send_message,
        reset_on_submit=True,
        width="100%",
    )


def _cancel_form() -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.input(
                name="note",
                placeholder=tr("admin_concierge.cancel_note"),
                id="cancel-note",
                flex="1",
            ),
            rx.button(
                tr("concierge.cancel_request"),
                type="submit",
                color_scheme="red",
                variant="outline",
                id="admin-cancel",
            ),
            width="100%",
            wrap="wrap",
        ),
        on_submit=Detail.cancel_request,
        width="100%",
    )


def _summary() -> rx.Component:
    request = _DETAIL
    return rx.vstack(
        rx.flex(
            rx.heading("#", request.id.to_string(), size="4"),
            status_badge(request.status, id="detail-status"),
            rx.badge(label("concierge.type.", request.type), variant="outline"),
            rx.text(request.requester, weight="medium"),
            rx.text(
                request.due_text, size="1", color_scheme=rx.cond(request.overdue, "red", "gray")
            ),
            spacing="2",
            wrap="wrap",
            align="center",
        ),
        rx.text(request.description, white_space="pre-wrap"),
        rx.cond(
            request.admin_notes != "",
            rx.callout(request.admin_notes, icon="message-square", size="1"),
        ),
        rx.foreach(request.candidates, candidate_item),
        rx.cond(
            request.rating > 0,
            rx.text(
                tr("admin_concierge.rating"),
                ": ",
                request.rating.to_string(),
                "/5 ",
                request.rating_comment,
                size="2",
            ),
        ),
        spacing="2",
        width="100%",
    )


def detail_panel() -> rx.Component:
    return rx.cond(
        Detail.selected_id != 0,
        rx.card(
            rx.vstack(
                rx.hstack(
                    _summary(),
                    rx.icon_button(
                        rx.icon("x"),
                        variant="ghost",
                        on_click=Detail.close_request,
                        aria_label=tr("admin_concierge.close"),
                        id="detail-close",
                    ),
                    justify="between",
                    width="100%",
                ),
                files_block(can_upload=_OPEN),
                rx.cond(
                    _OPEN,
                    rx.flex(
                        _fulfil_dialog(), _cancel_form(), spacing="3", wrap="wrap", width="100%"
                    ),
                ),
                rx.heading(tr("concierge.thread"), size="3"),
                rx.vstack(
                    rx.foreach(Detail.thread, message_bubble), width="100%", id="admin-thread"
                ),
                _message_form(),
                rx.heading(tr("admin_concierge.audit"), size="3"),
                rx.vstack(
                    rx.foreach(
                        Detail.events,
                        lambda event: rx.text(
                            event.when, " — ", event.text, size="1", class_name="audit-event"
                        ),
                    ),
                    spacing="1",
                    id="audit-trail",
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
            id="request-detail",
        ),
    )
