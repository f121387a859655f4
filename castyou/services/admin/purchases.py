"""Admin purchase list: filter by user, status and dates; totals; CSV export of the same rows."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select

from castyou.models.limits import ID_MAX
from castyou.models.payments import CasTarsPurchase, PurchaseStatus
from castyou.models.user import User
from castyou.services.accounts import normalize_email
from castyou.services.admin import sorting
from castyou.services.admin.audit import check_page
from castyou.services.errors import InvalidInput
from castyou.services.payments.checkout import receipt_number
from castyou.services.roles import require_admin

MAX_EXPORT_ROWS = 10_000
_PAID = (PurchaseStatus.COMPLETED.value, PurchaseStatus.REFUNDED.value)
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class PurchaseFilter:
    """``user`` is a user id or an exact email; every field is optional."""

    user: str = ""
    status: str = ""
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class PurchaseTotals:
    count: int
    paid_cents: int
    refunded_cents: int
    stars: int

    @property
    def net_cents(self) -> int:
        return self.paid_cents - self.refunded_cents


@dataclass(frozen=True)
class PurchaseRow:
    purchase: CasTarsPurchase
    email: str


@dataclass(frozen=True)
class PurchasePage:
    items: list[PurchaseRow]
    total: int
    totals: PurchaseTotals


_ID = re.compile(r"[0-9]{1,12}")


def _conditions(session: Session, filters: PurchaseFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    user = filters.user.strip() if isinstance(filters.user, str) else ""
    if _ID.fullmatch(user):
        wanted = int(user)
        conditions.append(col(CasTarsPurchase.user_id) == (wanted if wanted <= ID_MAX else -1))
    elif user:
        user_id = session.exec(select(User.id).where(User.email == normalize_email(user))).first()
        conditions.append(col(CasTarsPurchase.user_id) == (user_id or -1))
    if filters.status:
        if filters.status not in {s.value for s in PurchaseStatus}:
            raise InvalidInput("admin.invalid_filter")
        conditions.append(col(CasTarsPurchase.status) == filters.status)
    if filters.since is not None:
        conditions.append(col(CasTarsPurchase.created_at) >= filters.since)
    if filters.until is not None:
        conditions.append(col(CasTarsPurchase.created_at) < filters.until)
    return conditions


def _totals(session: Session, conditions: list[ColumnElement[bool]]) -> PurchaseTotals:
    paid = col(CasTarsPurchase.status).in_(_PAID)
    row = session.exec(
        select(  # type: ignore[call-overload]
            func.count(),
            func.coalesce(func.sum(col(CasTarsPurchase.price_cents)).filter(paid), 0),
            func.coalesce(func.sum(col(CasTarsPurchase.refunded_cents)).filter(paid), 0),
            func.coalesce(func.sum(col(CasTarsPurchase.stars_awarded)).filter(paid), 0),
        ).where(*conditions)
    ).one()
    count, paid_cents, refunded, stars = (int(value) for value in row)
    return PurchaseTotals(count, paid_cents, refunded, stars)


SORTS: dict[str, Any] = {
    "date": col(CasTarsPurchase.id),
    "email": col(User.email),
    "bundle": col(CasTarsPurchase.bundle_name),
    "stars": col(CasTarsPurchase.stars_awarded),
    "price": col(CasTarsPurchase.price_cents),
    "status": col(CasTarsPurchase.status),
}


def _order(sort: str, descending: bool) -> list[Any]:
    return sorting.order(SORTS, sort, descending, col(CasTarsPurchase.id))


def _rows(
    session: Session, conditions: list, offset: int, limit: int, order: list[Any]
) -> list[PurchaseRow]:
    rows = session.exec(
        select(CasTarsPurchase, User.email)
        .join(User, col(User.id) == col(CasTarsPurchase.user_id))
        .where(*conditions)
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    ).all()
    return [PurchaseRow(purchase, email) for purchase, email in rows]


def list_purchases(
    *,
    session: Session,
    actor_id: int,
    filters: PurchaseFilter,
    page: int = 1,
    page_size: int = 25,
    sort: str = "date",
    descending: bool = True,
) -> PurchasePage:
    """A page of matching purchases (newest first unless ``sort`` says otherwise) and totals.

    ``sort`` is one of :data:`SORTS`; anything else is refused.
    """
    require_admin(session, actor_id)
    page, page_size = check_page(page, page_size)
    order = _order(sort, descending)
    conditions = _conditions(session, filters)
    totals = _totals(session, conditions)
    items = _rows(session, conditions, (page - 1) * page_size, page_size, order)
    return PurchasePage(items, totals.count, totals)


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


CSV_HEADER = (
    "purchase_id",
    "receipt",
    "created_at",
    "user_id",
    "email",
    "bundle",
    "stars",
    "price_cents",
    "currency",
    "status",
    "refunded_cents",
    "refunded_stars",
    "payment_id",
)


def export_csv(*, session: Session, actor_id: int, filters: PurchaseFilter) -> str:
    """The matching purchases as CSV (at most ``MAX_EXPORT_ROWS``, newest first)."""
    require_admin(session, actor_id)
    rows = _rows(session, _conditions(session, filters), 0, MAX_EXPORT_ROWS, _order("date", True))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        p = row.purchase
        writer.writerow(
            _cell(value)
            for value in (
                p.id,
                receipt_number(p.id or 0),
                p.created_at.isoformat(),
                p.user_id,
                row.email,
                p.bundle_name,
                p.stars_awarded,
                p.price_cents,
                p.currency,
                PurchaseStatus(p.status).value,
                p.refunded_cents,
                p.refunded_stars,
                p.stripe_payment_id,
            )
        )
    return out.getvalue()
