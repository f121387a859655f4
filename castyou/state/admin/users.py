"""Admin console, Users tab: search, a user's CasTars, ledger, purchases, requests, roles."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_datetime, format_number
from castyou.models.concierge import ConciergeRequest, ConciergeStatus, ConciergeType
from castyou.models.user import Role, User
from castyou.services.admin import users as admin_users
from castyou.services.errors import CasTyouError
from castyou.state.admin.common import as_admin, page_after, positive_int, purchase_row, text_field
from castyou.state.session import SessionState

PAGE_SIZE = 20


class AdminUsersState(SessionState):
    """Search results and the selected user's overview (public fields only)."""

    query: str = ""
    page: int = 1
    total: int = 0
    users: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    selected: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    ledger_rows: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    ledger_cursor: str = ""
    purchase_rows: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    purchases_title: str = ""
    request_rows: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    requests_title: str = ""

    @rx.var
    def has_next(self) -> bool:
        return self.page * PAGE_SIZE < self.total

    @rx.var
    def has_prev(self) -> bool:
        return self.page > 1

    def _user_row(self, user: User) -> dict[str, str]:
        return {
            "id": str(user.id),
            "email": user.email,
            "name": user.display_name,
            "role": Role(user.role).value,
            "role_label": self._t(f"role.{Role(user.role).value}"),
        }

    def _search(self, viewer_id: int) -> None:
        with session_scope() as db:
            found = admin_users.search_users(
                session=db,
                actor_id=viewer_id,
                query=self.query,
                page=self.page,
                page_size=PAGE_SIZE,
            )
            self.users = [self._user_row(user) for user in found.items]
        self.total = found.total

    def _request_row(self, request: ConciergeRequest) -> dict[str, str]:
        return {
            "id": str(request.id),
            "date": format_datetime(request.created_at, self.lang, "short"),
            "tier": self._t(f"concierge.type.{ConciergeType(request.request_type).value}"),
            "status": self._t(f"concierge.status.{ConciergeStatus(request.status).value}"),
            "cost": self._t("concierge.cost", stars=format_number(request.stars_cost, self.lang)),
            "rating": f"{request.rating}/5" if request.rating else "—",
        }

    def _title(self, key: str, shown: int, total: int) -> str:
        count = format_number(total, self.lang)
        if shown < total:
            return self._t("admin.latest_of", title=self._t(key, count=count), shown=shown)
        return self._t(key, count=count)

    def _show_activity(self, view: admin_users.UserOverview) -> None:
        purchases, requests = view.purchases, view.requests
        self.purchase_rows = [purchase_row(row, self.lang) for row in purchases.items]
        self.purchases_title = self._title(
            "admin.user_purchases", len(purchases.items), purchases.total
        )
        self.request_rows = [self._request_row(request) for request in requests.items]
        self.requests_title = self._title(
            "admin.user_requests", len(requests.items), requests.total
        )

    def _open(self, viewer_id: int, user_id: int, after: str | None) -> None:
        with session_scope() as db:
            view = admin_users.user_overview(
                session=db, actor_id=viewer_id, user_id=user_id, after=after
            )
        rows = [
            {
                "id": str(entry.id),
                "date": format_datetime(entry.created_at, self.lang, "short"),
                "reason": self._t(entry.reason),
                "source": self._t(f"source.{entry.source}"),
                "delta": format_number(entry.delta, self.lang),
            }
            for entry in view.history.items
        ]
        self.ledger_rows = [*self.ledger_rows, *rows] if after else rows
        self.ledger_cursor = view.history.next_cursor or ""
        self.selected = {
            **self._user_row(view.user),
            "balance": format_number(view.balance, self.lang),
            "lifetime": format_number(view.lifetime_stars, self.lang),
        }
        self._show_activity(view)

    @rx.event
    def search(self, form: dict) -> EventSpec | None:
        """Search by email or name; the first page of matches."""
        try:
            viewer = self._require(Role.ADMIN)
            self.query, self.page = text_field(form, "query", 100), 1
            self._search(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def turn_page(self, step: int) -> EventSpec | None:
        def turn(admin_id: int) -> None:
            self.page = page_after(self.page, step)
            self._search(admin_id)

        return as_admin(self, turn)

    @rx.event
    def open_user(self, user_id: str | int) -> EventSpec | None:
        try:
            viewer = self._require(Role.ADMIN)
            self._open(viewer.id, positive_int(user_id), None)
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def more_ledger(self) -> EventSpec | None:
        try:
            viewer = self._require(Role.ADMIN)
            if self.selected and self.ledger_cursor:
                self._open(viewer.id, positive_int(self.selected["id"]), self.ledger_cursor)
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def change_role(self, role: str) -> EventSpec | None:
        """Give the selected user ``role`` (the service keeps at least one admin)."""
        try:
            viewer = self._require(Role.ADMIN)
            user_id = positive_int(self.selected.get("id", ""))
            with session_scope() as db:
                admin_users.change_role(session=db, actor_id=viewer.id, user_id=user_id, role=role)
            self._open(viewer.id, user_id, None)
            self._search(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return self._success("admin.role_changed", role=self._t(f"role.{role}"))
