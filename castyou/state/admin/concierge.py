"""/admin/concierge, the queue: filters, search, paging, inline status and assignee.

Every handler re-resolves the viewer and requires ADMIN; the services check the
role again in the database. Filter values are whitelisted before they reach SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.models.user import Role
from castyou.services.admin import concierge as concierge_admin
from castyou.services.admin.concierge import SEARCH_MAX, SORTS, STATUS_FILTERS
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.state.concierge import parse_id
from castyou.state.concierge_views import RequestView, request_view
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState, Viewer

UNASSIGNED = "none"


@dataclass
class AdminOption:
    id: str = ""
    name: str = ""


class AdminConciergeState(SessionState):
    rows: rx.Field[list[RequestView]] = rx.field(default_factory=list)
    admins: rx.Field[list[AdminOption]] = rx.field(default_factory=list)
    status_filter: str = "OPEN"
    search: str = ""
    assigned_to_me: bool = False
    sort: str = "sla"
    page: rx.Field[int] = rx.field(1)
    has_next: rx.Field[bool] = rx.field(False)
    loaded: rx.Field[bool] = rx.field(False)

    def _reload(self, viewer: Viewer) -> None:
        with session_scope() as db:
            result = concierge_admin.admin_list_concierge_requests(
                session=db,
                actor_id=viewer.id,
                status=self.status_filter if self.status_filter in STATUS_FILTERS else "OPEN",
                search=self.search[:SEARCH_MAX],
                assigned_to_me=bool(self.assigned_to_me),
                sort=self.sort if self.sort in SORTS else "sla",
                page=self.page if isinstance(self.page, int) and self.page >= 1 else 1,
            )
            admins = concierge_admin.list_admins(session=db, actor_id=viewer.id)
        lang = self.lang
        self.rows = [
            request_view(
                row.request, lang, requester=row.requester_name, assignee=row.assignee_name
            )
            for row in result.rows
        ]
        self.admins = [AdminOption(str(a.id), a.display_name) for a in admins]
        self.has_next = result.has_next
        self.loaded = True

    def _run(self, action=None) -> EventSpec | None:  # type: ignore[no-untyped-def]
        """Require ADMIN, run ``action(db, viewer)`` if given, then reload the queue."""
        try:
            viewer = self._require(Role.ADMIN)
            if action is not None:
                with session_scope() as db:
                    action(db, viewer)
            self._reload(viewer)
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def load(self) -> EventSpec | None:
        if self._viewer() is None:
            return None
        self.page = 1
        return self._run()

    @rx.event
    def refresh(self) -> EventSpec | None:
        """Live: a request was created, changed or got a reply."""
        return self._run()

    @rx.event
    def set_status_filter(self, value: str) -> EventSpec | None:
        if value not in STATUS_FILTERS:
            return self._error(InvalidInput("concierge.invalid_filter"))
        self.status_filter, self.page = value, 1
        return self._run()

    @rx.event
    def set_sort(self, value: str) -> EventSpec | None:
        if value not in SORTS:
            return self._error(InvalidInput("concierge.invalid_filter"))
        self.sort, self.page = value, 1
        return self._run()

    @rx.event
    def set_assigned_to_me(self, value: bool) -> EventSpec | None:
        self.assigned_to_me, self.page = bool(value is True), 1
        return self._run()

    @rx.event
    def apply_search(self, form: dict) -> EventSpec | None:
        text = form.get("search", "") if isinstance(form, dict) else ""
        self.search, self.page = (text if isinstance(text, str) else "")[:SEARCH_MAX], 1
        return self._run()

    @rx.event
    def next_page(self) -> EventSpec | None:
        if self.has_next:
            self.page += 1
        return self._run()

    @rx.event
    def previous_page(self) -> EventSpec | None:
        self.page = max(1, self.page - 1)
        return self._run()

    @rx.event
    def change_status(self, request_id: int, status: str) -> EventSpec | None:
        """Inline status select (CANCELLED from here refunds, with no note)."""

        def action(db, viewer: Viewer) -> None:  # type: ignore[no-untyped-def]
            concierge_admin.update_concierge_status(
                session=db, actor_id=viewer.id, request_id=parse_id(request_id), status=str(status)
            )

        failure = self._run(action)
        return failure or self._success(
            "admin_concierge.status_saved", status=self._t(f"concierge.status.{status}")
        )

    @rx.event
    def assign(self, request_id: int, assignee: str) -> EventSpec | None:
        """Assign to the chosen admin (``none`` unassigns); the service checks the role."""

        def action(db, viewer: Viewer) -> None:  # type: ignore[no-untyped-def]
            target = None if assignee == UNASSIGNED else parse_id(assignee)
            concierge_admin.assign_request(
                session=db, actor_id=viewer.id, request_id=parse_id(request_id), assignee_id=target
            )

        return self._run(action) or self._success("admin_concierge.assigned")

    @rx.event
    def assign_to_me(self, request_id: int) -> EventSpec | None:
        def action(db, viewer: Viewer) -> None:  # type: ignore[no-untyped-def]
            concierge_admin.assign_request(
                session=db,
                actor_id=viewer.id,
                request_id=parse_id(request_id),
                assignee_id=viewer.id,
            )

        return self._run(action) or self._success("admin_concierge.assigned")


on_change("concierge_queue", AdminConciergeState.refresh)
