"""Admin console, Purchases tab: filtered list with totals, CSV export, refunds."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import httpx
import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_money, format_number
from castyou.models.user import Role
from castyou.services.admin import purchases, refunds
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.services.payments import simulator
from castyou.settings import get_settings
from castyou.state.admin.common import as_admin, page_after, positive_int, purchase_row, text_field
from castyou.state.session import SessionState

PAGE_SIZE = 25
CURRENCY = "USD"


def _day(value: str, next_day: bool) -> datetime | None:
    if not value:
        return None
    try:
        start = datetime.combine(date.fromisoformat(value), time.min, tzinfo=UTC)
    except ValueError:
        raise InvalidInput("admin.invalid_date") from None
    return start + timedelta(days=1) if next_day else start


def backend_url() -> str:
    """Where this app's webhook route answers (Reflex's api_url, else the public URL)."""
    return rx.config.get_config().api_url or get_settings().public_url


async def _post_local_event(request: refunds.RefundRequest) -> None:
    """Local mode: the simulator posts the signed ``charge.refunded`` event to the webhook."""
    assert request.payload is not None
    try:
        status = await simulator.deliver(
            payload=request.payload,
            secret=get_settings().webhook_secret,
            timestamp=request.timestamp,
            base_url=backend_url(),
        )
    except httpx.HTTPError:
        status = 0
    if not 200 <= status < 300:
        raise CasTyouError("payments.simulator_unreachable")


class AdminPurchasesState(SessionState):
    """One page of purchases matching the filters, and the totals of all matches."""

    rows: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    total: int = 0
    page: int = 1
    totals_text: str = ""
    refunding: bool = False
    _filters: purchases.PurchaseFilter = purchases.PurchaseFilter()

    @rx.var
    def has_next(self) -> bool:
        return self.page * PAGE_SIZE < self.total

    @rx.var
    def has_prev(self) -> bool:
        return self.page > 1

    def _reload(self, viewer_id: int) -> None:
        with session_scope() as db:
            found = purchases.list_purchases(
                session=db,
                actor_id=viewer_id,
                filters=self._filters,
                page=self.page,
                page_size=PAGE_SIZE,
            )
        self.total = found.total
        self.rows = [purchase_row(row, self.lang) for row in found.items]
        self.totals_text = self._t(
            "admin.purchase_totals",
            count=format_number(found.totals.count, self.lang),
            paid=format_money(found.totals.paid_cents, CURRENCY, self.lang),
            refunded=format_money(found.totals.refunded_cents, CURRENCY, self.lang),
            net=format_money(found.totals.net_cents, CURRENCY, self.lang),
            stars=format_number(found.totals.stars, self.lang),
        )

    @rx.event
    def load(self) -> EventSpec | None:
        return as_admin(self, self._reload)

    @rx.event
    def filter(self, form: dict) -> EventSpec | None:
        """Apply the filters: user (id or email), status, from/to dates."""
        try:
            viewer = self._require(Role.ADMIN)
            self._filters = purchases.PurchaseFilter(
                user=text_field(form, "user", 254),
                status=text_field(form, "status", 16),
                since=_day(text_field(form, "since", 10), next_day=False),
                until=_day(text_field(form, "until", 10), next_day=True),
            )
            self.page = 1
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def turn_page(self, step: int) -> EventSpec | None:
        def turn(admin_id: int) -> None:
            self.page = page_after(self.page, step)
            self._reload(admin_id)

        return as_admin(self, turn)

    @rx.event
    def export_csv(self) -> EventSpec:
        """Download the filtered purchases (all pages) as CSV."""
        try:
            viewer = self._require(Role.ADMIN)
            with session_scope() as db:
                data = purchases.export_csv(session=db, actor_id=viewer.id, filters=self._filters)
        except CasTyouError as error:
            return self._error(error)
        return rx.download(data=data, filename="castars-purchases.csv")

    @rx.event
    async def refund(self, purchase_id: str) -> EventSpec | None:
        """Refund a purchase: Stripe's API, or the simulator's signed webhook (local mode)."""
        try:
            viewer = self._require(Role.ADMIN)
            with session_scope() as db:
                request = refunds.request_refund(
                    session=db, actor_id=viewer.id, purchase_id=positive_int(purchase_id)
                )
            if request.payload is not None:
                await _post_local_event(request)
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return self._success("admin.refund_requested")
