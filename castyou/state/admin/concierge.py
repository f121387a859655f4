"""/admin/concierge, the queue: filters, search, paging, inline status and assignee.

Every handler requires ADMIN; the services check the role again in the database.
Filter values are whitelisted before they reach SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from reflex.event import EventSpec

from castyou.models.concierge import ConciergeStatus
from castyou.models.user import Role
from castyou.services.admin import concierge
from castyou.services.admin.concierge import SEARCH_MAX, SORTS, STATUS_FILTERS
from castyou.state import args
from castyou.state.admin.concierge_detail import AdminConciergeDetailState
from castyou.state.concierge_views import RequestView, request_view
from castyou.state.guard import Ctx, guarded
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState

UNASSIGNED = "none"
STATUSES = frozenset(status.value for status in ConciergeStatus)


@dataclass
class AdminOption:
    """An admin a request can be assigned to."""

    id: str = ""
    name: str = ""


class AdminConciergeState(SessionState):
    """One page of the filtered queue and the team to assign from."""

    rows: rx.Field[list[RequestView]] = rx.field(default_factory=list)
    admins: rx.Field[list[AdminOption]] = rx.field(default_factory=list)
    status_filter: str = "OPEN"
    search: str = ""
    assigned_to_me: bool = False
    sort: str = "sla"
    page: rx.Field[int] = rx.field(1)
    has_next: rx.Field[bool] = rx.field(False)
    loaded: rx.Field[bool] = rx.field(False)

    def _reload(self, ctx: Ctx) -> None:
        result = concierge.admin_list_concierge_requests(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            status=self.status_filter if self.status_filter in STATUS_FILTERS else "OPEN",
            search=self.search[:SEARCH_MAX],
            assigned_to_me=bool(self.assigned_to_me),
            sort=self.sort if self.sort in SORTS else "sla",
            page=self.page if isinstance(self.page, int) and self.page >= 1 else 1,
        )
        admins = concierge.list_admins(session=ctx.db, actor_id=ctx.viewer.id)
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

    @rx.event
    @guarded(Role.ADMIN, page_load=True)
    def load(self, ctx: Ctx) -> EventSpec | None:
        """The queue; ``?request=<id>`` (a support-view link) also opens that request."""
        self.page = 1
        self._reload(ctx)
        wanted = self.router.url.query_parameters.get("request", "")
        if isinstance(wanted, str) and wanted.isascii() and wanted.isdigit() and len(wanted) < 10:
            return AdminConciergeDetailState.open_request(int(wanted))  # type: ignore[operator]
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def refresh(self, ctx: Ctx) -> EventSpec | None:
        """Live: a request was created, changed or got a reply."""
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def set_status_filter(self, ctx: Ctx, value: str) -> EventSpec | None:
        self.status_filter = args.choice(value, STATUS_FILTERS, key="concierge.invalid_filter")
        self.page = 1
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def set_sort(self, ctx: Ctx, value: str) -> EventSpec | None:
        self.sort = args.choice(value, SORTS, key="concierge.invalid_filter")
        self.page = 1
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def set_assigned_to_me(self, ctx: Ctx, value: bool) -> EventSpec | None:
        self.assigned_to_me, self.page = value is True, 1
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def apply_search(self, ctx: Ctx, form: dict) -> EventSpec | None:
        self.search = args.field(form, "search", max_len=SEARCH_MAX, key="concierge.search_length")
        self.page = 1
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def next_page(self, ctx: Ctx) -> EventSpec | None:
        if self.has_next:
            self.page += 1
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def previous_page(self, ctx: Ctx) -> EventSpec | None:
        self.page = max(1, self.page - 1)
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def change_status(self, ctx: Ctx, request_id: int, status: str) -> EventSpec | None:
        """Inline status select (CANCELLED from here refunds, with no note)."""
        target = args.choice(status, STATUSES, key="concierge.invalid_status")
        concierge.update_concierge_status(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            request_id=args.record_id(request_id),
            status=target,
        )
        self._reload(ctx)
        return self._success(
            "admin_concierge.status_saved", status=self._t(f"concierge.status.{target}")
        )

    @rx.event
    @guarded(Role.ADMIN)
    def assign(self, ctx: Ctx, request_id: int, assignee: str) -> EventSpec | None:
        """Assign to the chosen admin (``none`` unassigns); the service checks the role."""
        concierge.assign_request(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            request_id=args.record_id(request_id),
            assignee_id=None if assignee == UNASSIGNED else args.record_id(assignee),
        )
        self._reload(ctx)
        return self._success("admin_concierge.assigned")

    @rx.event
    @guarded(Role.ADMIN)
    def assign_to_me(self, ctx: Ctx, request_id: int) -> EventSpec | None:
        concierge.assign_request(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            request_id=args.record_id(request_id),
            assignee_id=ctx.viewer.id,
        )
        self._reload(ctx)
        return self._success("admin_concierge.assigned")


on_change("concierge_queue", AdminConciergeState.refresh)
