"""Admin console, Users tab: search, a user's CasTars, ledger, purchases, requests, roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime, format_number
from castyou.models.concierge import ConciergeRequest, ConciergeStatus, ConciergeType
from castyou.models.user import Role, User
from castyou.services.admin import users as admin_users
from castyou.state import args
from castyou.state.admin.promotions import AdminPromotionsState
from castyou.state.admin.purchases import PurchaseRow, purchase_row
from castyou.state.guard import Ctx, guarded
from castyou.state.paging import PagedList
from castyou.state.session import SessionState

ROLES = frozenset(role.value for role in Role)


@dataclass
class UserRow:
    """One user as the search results show them."""

    id: int = 0
    email: str = ""
    name: str = ""
    role: str = ""
    role_label: str = ""
    joined: str = ""
    balance: str = ""


@dataclass
class UserCard(UserRow):
    """The selected user (``id`` 0: none) with their balance and lifetime stars."""

    lifetime: str = ""


@dataclass
class LedgerRow:
    """One ledger entry of the selected user."""

    id: int = 0
    date: str = ""
    reason: str = ""
    source: str = ""
    delta: str = ""


@dataclass
class RequestRow:
    """One concierge request of the selected user."""

    id: int = 0
    date: str = ""
    tier: str = ""
    status: str = ""
    cost: str = ""
    rating: str = ""


class AdminUsersState(PagedList, SessionState):
    """Search results and the selected user's overview (public fields only)."""

    page_size: ClassVar[int] = 20
    sortable: ClassVar[tuple[str, ...]] = tuple(admin_users.SORTS)
    query: str = ""
    rows: rx.Field[list[UserRow]] = rx.field(default_factory=list)
    selected: rx.Field[UserCard] = rx.field(default_factory=UserCard)
    ledger_rows: rx.Field[list[LedgerRow]] = rx.field(default_factory=list)
    ledger_cursor: str = ""
    purchase_rows: rx.Field[list[PurchaseRow]] = rx.field(default_factory=list)
    purchases_title: str = ""
    request_rows: rx.Field[list[RequestRow]] = rx.field(default_factory=list)
    requests_title: str = ""

    def _user_row(self, user: User, balance: int | None = None) -> UserRow:
        role = Role(user.role).value
        return UserRow(
            id=user.id or 0,
            email=user.email,
            name=user.display_name,
            role=role,
            role_label=self._t(f"role.{role}"),
            joined=format_datetime(user.created_at, self.lang, "short"),
            balance="" if balance is None else format_number(balance, self.lang),
        )

    def _reload(self, ctx: Ctx) -> None:
        found = admin_users.search_users(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            query=self.query,
            page=self.page,
            page_size=self.page_size,
            sort=self.sort_field or "id",
            descending=self.sort_desc if self.sort_field else False,
        )
        self.rows = [self._user_row(u, found.balances.get(u.id or 0, 0)) for u in found.items]
        self.total = found.total

    def _request_row(self, request: ConciergeRequest) -> RequestRow:
        return RequestRow(
            id=request.id or 0,
            date=format_datetime(request.created_at, self.lang, "short"),
            tier=self._t(f"concierge.type.{ConciergeType(request.request_type).value}"),
            status=self._t(f"concierge.status.{ConciergeStatus(request.status).value}"),
            cost=self._t("concierge.cost", stars=format_number(request.stars_cost, self.lang)),
            rating=f"{request.rating}/5" if request.rating else "—",
        )

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

    def _open(self, ctx: Ctx, user_id: int, after: str | None) -> None:
        view = admin_users.user_overview(
            session=ctx.db, actor_id=ctx.viewer.id, user_id=user_id, after=after
        )
        rows = [
            LedgerRow(
                id=entry.id or 0,
                date=format_datetime(entry.created_at, self.lang, "short"),
                reason=self._t(entry.reason),
                source=self._t(f"source.{entry.source}"),
                delta=format_number(entry.delta, self.lang),
            )
            for entry in view.history.items
        ]
        self.ledger_rows = [*self.ledger_rows, *rows] if after else rows
        self.ledger_cursor = view.history.next_cursor or ""
        self.selected = UserCard(
            **vars(self._user_row(view.user, view.balance)),
            lifetime=format_number(view.lifetime_stars, self.lang),
        )
        self._show_activity(view)

    def _selected_id(self) -> int:
        """The selected user's id (kept in state a client could forge, so parsed too)."""
        return args.record_id(self.selected.id, key="admin.invalid_number")

    @rx.event
    @guarded(Role.ADMIN)
    def search(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Search by email or name; the first page of matches."""
        self.query = args.field(
            form, "query", max_len=admin_users.MAX_QUERY_LENGTH, key="admin.invalid_query"
        )
        self._first_page(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def open_user(self, ctx: Ctx, user_id: str | int) -> EventSpec | None:
        self._open(ctx, args.record_id(user_id, key="admin.invalid_number"), None)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def more_ledger(self, ctx: Ctx) -> EventSpec | None:
        if self.selected.id and self.ledger_cursor:
            self._open(ctx, self._selected_id(), self.ledger_cursor)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def change_role(self, ctx: Ctx, role: str) -> EventSpec | None:
        """Give the selected user ``role`` (the service keeps at least one admin)."""
        user_id = self._selected_id()
        role = args.choice(role, ROLES, key="admin.invalid_role")
        user = admin_users.change_role(
            session=ctx.db, actor_id=ctx.viewer.id, user_id=user_id, role=role
        )
        self._open(ctx, user_id, None)
        self._reload(ctx)
        if Role(user.role).value != role:  # ADMIN waits for a second admin's approval
            return [  # type: ignore[return-value]
                AdminPromotionsState.load,  # type: ignore[list-item]
                self._success("admin.promotion_requested"),
            ]
        return self._success("admin.role_changed", role=self._t(f"role.{role}"))
