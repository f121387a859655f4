"""/admin/concierge, one request: thread with internal notes, audit trail, cancel, fulfil.

``selected_id`` and the draft candidate rows are client-settable; every handler that
reads or writes a request requires ADMIN, and the services re-check the role and the
request's status.
"""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.models.user import Role
from castyou.services import roles
from castyou.services.admin import concierge
from castyou.services.admin.concierge_files import fulfill_with_files
from castyou.services.concierge import core, requester
from castyou.services.concierge.candidates import MAX_CANDIDATES
from castyou.services.concierge.requester import MESSAGE_MAX, NOTE_MAX
from castyou.services.errors import CasTyouError
from castyou.state import args
from castyou.state.concierge_files import ConciergeFilesState
from castyou.state.concierge_views import (
    CandidateView,
    EventView,
    MessageView,
    RequestView,
    event_view,
    message_view,
    request_view,
)
from castyou.state.guard import Ctx, PublicCtx, guarded, public
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState

CANDIDATE_FIELDS = ("name", "link", "notes")


class AdminConciergeDetailState(SessionState):
    """The request open in the side panel and the fulfil dialog's draft."""

    selected_id: rx.Field[int] = rx.field(0)
    detail: rx.Field[RequestView] = rx.field(default_factory=RequestView)
    thread: rx.Field[list[MessageView]] = rx.field(default_factory=list)
    events: rx.Field[list[EventView]] = rx.field(default_factory=list)
    fulfil_open: bool = False
    fulfil_rows: rx.Field[list[CandidateView]] = rx.field(default_factory=lambda: [CandidateView()])
    fulfil_note: str = ""

    def _reload(self, ctx: Ctx) -> None:
        if not self.selected_id:
            return
        db, viewer = ctx.db, ctx.viewer
        roles.require_admin(db, viewer.id)
        request = requester.get_visible_request(
            session=db, actor_id=viewer.id, request_id=self.selected_id
        )
        thread = requester.get_thread(session=db, actor_id=viewer.id, request_id=request.id or 0)
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

    def _reload_or_clear(self, ctx: Ctx) -> None:
        """Reload; a request that cannot be shown (any more) is closed before the error shows."""
        try:
            self._reload(ctx)
        except CasTyouError:
            self._clear()
            raise

    def _clear(self) -> None:
        self.selected_id = 0
        self.detail = RequestView()
        self.thread, self.events = [], []
        self.fulfil_open = False

    def _row_index(self, index: object) -> int:
        return args.integer(index, low=0, high=len(self.fulfil_rows) - 1)

    @rx.event
    @guarded(Role.ADMIN)
    def open_request(self, ctx: Ctx, request_id: int) -> EventSpec | None:
        self.selected_id = args.record_id(request_id)
        self.fulfil_rows, self.fulfil_note = [CandidateView()], ""
        self._reload_or_clear(ctx)
        return ConciergeFilesState.show_files(self.selected_id)  # type: ignore[operator]

    @rx.event
    @public()
    def close_request(self, ctx: PublicCtx) -> None:
        self._clear()

    @rx.event
    @guarded(Role.ADMIN)
    def refresh(self, ctx: Ctx) -> EventSpec | None:
        """Live: the queue channel changed (maybe this request, a reply, a new note)."""
        self._reload_or_clear(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def send_message(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Reply to the requester, or add an internal note (``internal`` switch)."""
        requester.post_message(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            request_id=self.selected_id,
            body=args.field(
                form, "body", min_len=1, max_len=MESSAGE_MAX, key="concierge.message_length"
            ),
            internal=args.form(form).get("internal") in ("on", True, "true"),
        )
        self._reload(ctx)
        return self._success("concierge.message_sent")

    @rx.event
    @guarded(Role.ADMIN)
    def cancel_request(self, ctx: Ctx, form: dict) -> EventSpec | None:
        concierge.admin_cancel_request(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            request_id=self.selected_id,
            note=args.field(form, "note", max_len=NOTE_MAX, key="concierge.note_length"),
        )
        self._reload(ctx)
        return self._success("admin_concierge.cancelled")

    @rx.event
    @public()
    def set_fulfil_open(self, ctx: PublicCtx, value: bool) -> None:
        self.fulfil_open = value is True

    @rx.event
    @public()
    def add_row(self, ctx: PublicCtx) -> None:
        if len(self.fulfil_rows) < MAX_CANDIDATES:
            self.fulfil_rows = [*self.fulfil_rows, CandidateView()]

    @rx.event
    @public()
    def remove_row(self, ctx: PublicCtx, index: int) -> None:
        drop = self._row_index(index)
        rows = [row for n, row in enumerate(self.fulfil_rows) if n != drop]
        self.fulfil_rows = rows or [CandidateView()]

    @rx.event
    @public()
    def set_row_field(self, ctx: PublicCtx, index: int, field: str, value: str) -> None:
        """Mirror one typed candidate field (as typed; the service cleans it on submit)."""
        rows = list(self.fulfil_rows)
        name = args.choice(field, CANDIDATE_FIELDS)
        setattr(rows[self._row_index(index)], name, value[:600] if isinstance(value, str) else "")
        self.fulfil_rows = rows

    @rx.event
    @public()
    def set_fulfil_note(self, ctx: PublicCtx, value: str) -> None:
        self.fulfil_note = value[:4000] if isinstance(value, str) else ""

    @rx.event
    @guarded(Role.ADMIN)
    def submit_fulfil(self, ctx: Ctx) -> EventSpec | None:
        """Deliver the rows as typed (blank ones dropped; the service cleans the rest).

        With fulfilment files attached, the files alone are a valid delivery.
        """
        rows = [{f: getattr(row, f) for f in CANDIDATE_FIELDS} for row in self.fulfil_rows]
        fulfill_with_files(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            request_id=self.selected_id,
            candidates=[row for row in rows if any(str(v).strip() for v in row.values())],
            note=self.fulfil_note,
        )
        self._reload(ctx)
        self.fulfil_open = False
        self.fulfil_rows, self.fulfil_note = [CandidateView()], ""
        return self._success("admin_concierge.fulfilled")


on_change("request", AdminConciergeDetailState.refresh)
