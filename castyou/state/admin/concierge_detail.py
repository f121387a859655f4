"""/admin/concierge, one request: thread with internal notes, audit trail, cancel, fulfil.

``selected_id`` and the draft candidate rows are client-settable; every handler
requires ADMIN and the services re-check the role and the request's status.
"""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.models.user import Role
from castyou.services import roles
from castyou.services.admin import concierge as concierge_admin
from castyou.services.concierge import core
from castyou.services.concierge import requester as concierge
from castyou.services.concierge.candidates import MAX_CANDIDATES
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.state.concierge import parse_id
from castyou.state.concierge_views import (
    CandidateView,
    EventView,
    MessageView,
    RequestView,
    event_view,
    message_view,
    request_view,
)
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState, Viewer

CANDIDATE_FIELDS = ("name", "link", "notes")


class AdminConciergeDetailState(SessionState):
    selected_id: rx.Field[int] = rx.field(0)
    detail: rx.Field[RequestView] = rx.field(default_factory=RequestView)
    thread: rx.Field[list[MessageView]] = rx.field(default_factory=list)
    events: rx.Field[list[EventView]] = rx.field(default_factory=list)
    fulfil_open: bool = False
    fulfil_rows: rx.Field[list[CandidateView]] = rx.field(default_factory=lambda: [CandidateView()])
    fulfil_note: str = ""

    def _reload(self, viewer: Viewer) -> None:
        if not self.selected_id:
            return
        with session_scope() as db:
            roles.require_admin(db, viewer.id)
            request = concierge.get_visible_request(
                session=db, actor_id=viewer.id, request_id=self.selected_id
            )
            thread = concierge.get_thread(
                session=db, actor_id=viewer.id, request_id=request.id or 0
            )
            ids = [m.author_id for m in thread.messages] + [request.user_id, request.assignee_id]
            ids += [e.actor_id for e in thread.events] + [e.assignee_id for e in thread.events]
            names = core.user_names(session=db, user_ids=ids)
        lang = self.lang
        self.detail = request_view(
            request,
            lang,
            requester=names.get(request.user_id, ""),
            assignee=names.get(request.assignee_id or 0, ""),
        )
        self.thread = [
            message_view(m, lang, viewer_id=viewer.id, names=names) for m in thread.messages
        ]
        self.events = [event_view(e, lang, names) for e in thread.events]

    def _run(self, action=None) -> EventSpec | None:  # type: ignore[no-untyped-def]
        try:
            viewer = self._require(Role.ADMIN)
            if action is not None:
                with session_scope() as db:
                    action(db, viewer)
            self._reload(viewer)
        except CasTyouError as error:
            return self._error(error)
        return None

    def _clear(self) -> None:
        self.selected_id = 0
        self.detail = RequestView()
        self.thread, self.events = [], []
        self.fulfil_open = False

    @rx.event
    def open_request(self, request_id: int) -> EventSpec | None:
        try:
            self.selected_id = parse_id(request_id)
        except CasTyouError as error:
            return self._error(error)
        self.fulfil_rows, self.fulfil_note = [CandidateView()], ""
        failure = self._run()
        if failure is not None:
            self._clear()
        return failure

    @rx.event
    def close_request(self) -> None:
        self._clear()

    @rx.event
    def refresh(self) -> EventSpec | None:
        """Live: the queue channel changed (maybe this request, a reply, a new note)."""
        if not self.selected_id:
            return None
        failure = self._run()
        if failure is not None:
            self._clear()
        return failure

    @rx.event
    def send_message(self, form: dict) -> EventSpec | None:
        """Reply to the requester, or add an internal note (``internal`` switch)."""

        def action(db, viewer: Viewer) -> None:  # type: ignore[no-untyped-def]
            if not isinstance(form, dict):
                raise InvalidInput()
            concierge.post_message(
                session=db,
                actor_id=viewer.id,
                request_id=self.selected_id,
                body=form.get("body", ""),
                internal=form.get("internal") in ("on", True, "true"),
            )

        return self._run(action) or self._success("concierge.message_sent")

    @rx.event
    def cancel_request(self, form: dict) -> EventSpec | None:
        def action(db, viewer: Viewer) -> None:  # type: ignore[no-untyped-def]
            note = form.get("note", "") if isinstance(form, dict) else None
            concierge_admin.admin_cancel_request(
                session=db, actor_id=viewer.id, request_id=self.selected_id, note=note
            )

        return self._run(action) or self._success("admin_concierge.cancelled")

    @rx.event
    def set_fulfil_open(self, value: bool) -> None:
        self.fulfil_open = value is True

    @rx.event
    def add_row(self) -> None:
        if len(self.fulfil_rows) < MAX_CANDIDATES:
            self.fulfil_rows = [*self.fulfil_rows, CandidateView()]

    @rx.event
    def remove_row(self, index: int) -> None:
        if isinstance(index, int) and 0 <= index < len(self.fulfil_rows):
            rows = [row for n, row in enumerate(self.fulfil_rows) if n != index]
            self.fulfil_rows = rows or [CandidateView()]

    @rx.event
    def set_row_field(self, index: int, field: str, value: str) -> None:
        if not (isinstance(index, int) and 0 <= index < len(self.fulfil_rows)):
            return
        if field in CANDIDATE_FIELDS and isinstance(value, str):
            rows = list(self.fulfil_rows)
            setattr(rows[index], field, value[:600])
            self.fulfil_rows = rows

    @rx.event
    def set_fulfil_note(self, value: str) -> None:
        self.fulfil_note = value[:4000] if isinstance(value, str) else ""

    @rx.event
    def submit_fulfil(self) -> EventSpec | None:
        """Deliver the rows as typed; the service cleans and validates them."""

        def action(db, viewer: Viewer) -> None:  # type: ignore[no-untyped-def]
            rows = [{f: getattr(row, f) for f in CANDIDATE_FIELDS} for row in self.fulfil_rows]
            concierge_admin.fulfill_concierge_request(
                session=db,
                actor_id=viewer.id,
                request_id=self.selected_id,
                candidates=rows,
                note=self.fulfil_note,
            )

        failure = self._run(action)
        if failure is not None:
            return failure
        self.fulfil_open = False
        self.fulfil_rows, self.fulfil_note = [CandidateView()], ""
        return self._success("admin_concierge.fulfilled")


on_change("concierge_queue", AdminConciergeDetailState.refresh)
