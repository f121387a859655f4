"""Admin console, Purchases tab: filtered list with totals, CSV export, refunds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import ClassVar

import httpx
import reflex as rx
from reflex.event import EventSpec

from castyou import routes
from castyou.i18n import format_datetime, format_money, format_number, t
from castyou.models.payments import PurchaseStatus
from castyou.models.user import Role
from castyou.services import click_keys
from castyou.services.admin import purchases, refunds
from castyou.services.errors import CasTyouError, Conflict, InvalidInput
from castyou.services.payments import simulator
from castyou.settings import get_settings
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.paging import PagedList
from castyou.state.session import SessionState

CURRENCY = "USD"


@dataclass
class PurchaseRow:
    """One purchase as the Purchases tab and a user's overview show it."""

    id: int = 0
    date: str = ""
    email: str = ""
    bundle: str = ""
    stars: str = ""
    price: str = ""
    status: str = ""
    receipt: str = ""
    refundable: bool = False


def purchase_row(row: purchases.PurchaseRow, lang: str) -> PurchaseRow:
    """The display row of a purchase (a receipt link once paid, refundable while not fully)."""
    p = row.purchase
    status = PurchaseStatus(p.status)
    paid = status in (PurchaseStatus.COMPLETED, PurchaseStatus.REFUNDED)
    return PurchaseRow(
        id=p.id or 0,
        date=format_datetime(p.created_at, lang, "short"),
        email=row.email,
        bundle=p.bundle_name,
        stars=format_number(p.stars_awarded, lang),
        price=format_money(p.price_cents, p.currency, lang),
        status=t(f"admin.purchase_status.{status.value}", lang),
        receipt=routes.receipt_url(p.id or 0) if paid else "",
        refundable=status == PurchaseStatus.COMPLETED and p.refunded_cents < p.price_cents,
    )


@dataclass
class RefundDialog:
    """The open refund dialog (``purchase_id`` 0: closed): what is left, and its click key."""

    purchase_id: int = 0
    left: str = ""
    max_amount: str = ""
    click_key: str = ""


_AMOUNT = re.compile(r"([0-9]{1,7})(?:[.,]([0-9]{1,2}))?")


def _cents(value: str) -> int | None:
    """An amount such as ``12`` or ``12.5`` in cents; empty means all that is left."""
    if not value:
        return None
    match = _AMOUNT.fullmatch(value)
    if match is None:
        raise InvalidInput("admin.refund_invalid_amount", min=1, max=refunds.MAX_REFUND_CENTS)
    whole, part = match.group(1), (match.group(2) or "0").ljust(2, "0")
    return int(whole) * 100 + int(part)


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


class AdminPurchasesState(PagedList, SessionState):
    """One page of purchases matching the filters, and the totals of all matches."""

    sortable: ClassVar[tuple[str, ...]] = tuple(purchases.SORTS)
    rows: rx.Field[list[PurchaseRow]] = rx.field(default_factory=list)
    totals_text: str = ""
    refunding: bool = False
    refund_dialog: rx.Field[RefundDialog] = rx.field(default_factory=RefundDialog)
    _filters: purchases.PurchaseFilter = purchases.PurchaseFilter()

    def _reload(self, ctx: Ctx) -> None:
        found = purchases.list_purchases(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            filters=self._filters,
            page=self.page,
            page_size=self.page_size,
            sort=self.sort_field or "date",
            descending=self.sort_desc,
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
    @guarded(Role.ADMIN)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def filter(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Apply the filters: user (id or email), status, from/to dates."""
        self._filters = purchases.PurchaseFilter(
            user=args.field(form, "user", max_len=254),
            status=args.field(form, "status", max_len=16, key="admin.invalid_filter"),
            since=_day(
                args.field(form, "since", max_len=10, key="admin.invalid_date"), next_day=False
            ),
            until=_day(
                args.field(form, "until", max_len=10, key="admin.invalid_date"), next_day=True
            ),
        )
        self._first_page(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def export_csv(self, ctx: Ctx) -> EventSpec:
        """Download the filtered purchases (all pages) as CSV."""
        data = purchases.export_csv(session=ctx.db, actor_id=ctx.viewer.id, filters=self._filters)
        return rx.download(data=data, filename="castars-purchases.csv")

    @rx.event
    @guarded(Role.ADMIN)
    def ask_refund(self, ctx: Ctx, purchase_id: str) -> None:
        """Open the refund dialog: all that is left by default, a reason, a new click key."""
        wanted = args.record_id(purchase_id, key="admin.invalid_number")
        left = refunds.refundable_cents(session=ctx.db, actor_id=ctx.viewer.id, purchase_id=wanted)
        if left <= 0:
            raise Conflict("admin.purchase_not_refundable")
        self.refund_dialog = RefundDialog(
            purchase_id=wanted,
            left=format_money(left, CURRENCY, self.lang),
            max_amount=f"{left // 100}.{left % 100:02d}",
            click_key=click_keys.new_key(),
        )

    @rx.event
    @guarded(Role.ADMIN)
    def close_refund(self, ctx: Ctx) -> None:
        self.refund_dialog = RefundDialog()

    @rx.event
    @guarded(Role.ADMIN)
    async def refund(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Refund a purchase (all or part, with a reason) on a confirmed click.

        Stripe's API, or the simulator's signed webhook (local mode). The form's
        click key makes a double click one refund; the amount is re-checked by the
        service against what is left of the purchase.
        """
        fields = args.form(form)
        request = refunds.request_refund(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            purchase_id=args.record_id(fields.get("purchase_id"), key="admin.invalid_number"),
            amount_cents=_cents(args.field(fields, "amount", max_len=12)),
            reason=args.field(
                fields,
                "reason",
                min_len=1,
                max_len=refunds.MAX_REASON_LENGTH,
                key="admin.refund_reason_required",
            ),
            click_key=click_keys.check_key(fields.get("idempotency_key")),
        )
        if request.payload is not None:
            await _post_local_event(request)
        self.refund_dialog = RefundDialog()
        self._reload(ctx)
        return self._success(
            "admin.refund_requested_amount",
            amount=format_money(request.amount_cents, CURRENCY, self.lang),
        )
