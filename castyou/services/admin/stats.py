"""Admin statistics: CasTars totals, card revenue, concierge requests and a daily series.

Stars "refunded" are split the way the ledger books them: spends given back to
users (positive REFUNDED entries) and purchases taken back (negative ones).
Card revenue is booked on the day money moved: a sale on the day its purchase
completed, a refund on the day the refund was applied (see :func:`daily_revenue`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ColumnElement, case, func, or_
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.models.concierge import ConciergeRequest, ConciergeStatus
from castyou.models.ledger import LedgerEntry, Source
from castyou.models.payments import CasTarsPurchase, PurchaseRefund, PurchaseStatus
from castyou.models.store import ActiveFeature
from castyou.services.errors import InvalidInput
from castyou.services.roles import require_admin

MAX_RANGE_DAYS = 366
DEFAULT_RANGE_DAYS = 30
_PAID = (PurchaseStatus.COMPLETED.value, PurchaseStatus.REFUNDED.value)


@dataclass(frozen=True)
class LedgerTotals:
    purchased: int
    earned: int
    spent: int
    refunded_to_users: int
    reversed_purchases: int


@dataclass(frozen=True)
class DayPoint:
    day: str
    stars_in: int
    stars_out: int
    revenue_cents: int = 0


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min).replace(tzinfo=utcnow().tzinfo)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min).replace(
            tzinfo=utcnow().tzinfo
        )

    def days(self) -> list[str]:
        count = (self.end - self.start).days + 1
        return [(self.start + timedelta(days=n)).isoformat() for n in range(count)]


def parse_range(start: object, end: object) -> DateRange:
    """A validated inclusive UTC date range from ``YYYY-MM-DD`` strings (blank: last 30 days)."""
    today = utcnow().date()
    try:
        last = date.fromisoformat(end) if isinstance(end, str) and end else today
        first = (
            date.fromisoformat(start)
            if isinstance(start, str) and start
            else last - timedelta(days=DEFAULT_RANGE_DAYS - 1)
        )
    except ValueError:
        raise InvalidInput("admin.invalid_date") from None
    if first > last or (last - first).days >= MAX_RANGE_DAYS:
        raise InvalidInput("admin.invalid_range", max=MAX_RANGE_DAYS)
    return DateRange(first, last)


def _sum_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, col(LedgerEntry.delta)), else_=0)), 0)


def ledger_totals(*, session: Session, actor_id: int) -> LedgerTotals:
    """All-time stars per ledger source."""
    require_admin(session, actor_id)
    source = col(LedgerEntry.source)
    delta = col(LedgerEntry.delta)
    row = session.exec(
        select(  # type: ignore[call-overload]
            _sum_where(source == Source.PURCHASED.value),
            _sum_where(source == Source.EARNED.value),
            _sum_where(source == Source.SPENT.value),
            _sum_where((source == Source.REFUNDED.value) & (delta > 0)),
            _sum_where((source == Source.REFUNDED.value) & (delta < 0)),
        )
    ).one()
    purchased, earned, spent, refunded, reversed_ = (int(value) for value in row)
    return LedgerTotals(purchased, earned, -spent, refunded, -reversed_)


def _day_key(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def daily_stars(
    *, session: Session, actor_id: int, window: DateRange
) -> dict[str, tuple[int, int]]:
    """Stars credited and debited per UTC day of ``window`` (days without entries omitted)."""
    require_admin(session, actor_id)
    created = col(LedgerEntry.created_at)
    delta = col(LedgerEntry.delta)
    day = func.date(created)
    rows = session.exec(
        select(  # type: ignore[call-overload]
            day,
            func.coalesce(func.sum(case((delta > 0, delta), else_=0)), 0),
            func.coalesce(func.sum(case((delta < 0, -delta), else_=0)), 0),
        )
        .where(created >= window.since, created < window.until)
        .group_by(day)
    ).all()
    return {_day_key(key): (int(stars_in), int(stars_out)) for key, stars_in, stars_out in rows}


def daily_revenue(*, session: Session, actor_id: int, window: DateRange) -> dict[str, int]:
    """Card revenue in cents per UTC day of ``window`` (days without sales or refunds omitted).

    A day's revenue is the price of every purchase that completed that day
    (``completed_at``; one refunded later still counts on the day it was paid)
    minus every refund applied that day (``castars_purchase_refunds.created_at``,
    its ``amount_cents``). A refund therefore lowers the day it happened, a day may
    be negative, and the days of all time add up to the card revenue total.
    """
    require_admin(session, actor_id)
    paid_at = col(CasTarsPurchase.completed_at)
    refunded_at = col(PurchaseRefund.created_at)
    sale_day, refund_day = func.date(paid_at), func.date(refunded_at)
    sales = session.exec(
        select(sale_day, func.sum(col(CasTarsPurchase.price_cents)))  # type: ignore[call-overload]
        .where(
            col(CasTarsPurchase.status).in_(_PAID),
            paid_at >= window.since,
            paid_at < window.until,
        )
        .group_by(sale_day)
    ).all()
    refunds = session.exec(
        select(refund_day, func.sum(col(PurchaseRefund.amount_cents)))  # type: ignore[call-overload]
        .where(refunded_at >= window.since, refunded_at < window.until)
        .group_by(refund_day)
    ).all()
    revenue: Counter[str] = Counter()
    for key, cents in sales:
        revenue[_day_key(key)] += int(cents)
    for key, cents in refunds:
        revenue[_day_key(key)] -= int(cents)
    return dict(revenue)


def daily_series(*, session: Session, actor_id: int, window: DateRange) -> list[DayPoint]:
    """One point per day of ``window``, zero-filled, for the charts: stars and revenue."""
    stars = daily_stars(session=session, actor_id=actor_id, window=window)
    revenue = daily_revenue(session=session, actor_id=actor_id, window=window)
    points = []
    for day in window.days():
        stars_in, stars_out = stars.get(day, (0, 0))
        points.append(DayPoint(day, stars_in, stars_out, revenue.get(day, 0)))
    return points


def active_boosts_by_type(*, session: Session, actor_id: int) -> dict[str, int]:
    """How many activations of each feature are in effect right now."""
    require_admin(session, actor_id)
    now = utcnow()
    feature = col(ActiveFeature.feature)
    rows = session.exec(
        select(feature, func.count())  # type: ignore[call-overload]
        .where(
            col(ActiveFeature.revoked_at).is_(None),
            col(ActiveFeature.starts_at) <= now,
            or_(col(ActiveFeature.ends_at).is_(None), col(ActiveFeature.ends_at) > now),
        )
        .group_by(feature)
    ).all()
    return {name: int(count) for name, count in sorted(rows)}


@dataclass(frozen=True)
class SalesTotals:
    paid_cents: int
    refunded_cents: int

    @property
    def revenue_cents(self) -> int:
        return self.paid_cents - self.refunded_cents


def sales_totals(*, session: Session, actor_id: int) -> SalesTotals:
    """Card revenue: what completed (and later refunded) purchases paid, minus refunds."""
    require_admin(session, actor_id)
    paid = col(CasTarsPurchase.status).in_(_PAID)
    row = session.exec(
        select(  # type: ignore[call-overload]
            func.coalesce(func.sum(col(CasTarsPurchase.price_cents)), 0),
            func.coalesce(func.sum(col(CasTarsPurchase.refunded_cents)), 0),
        ).where(paid)
    ).one()
    return SalesTotals(int(row[0]), int(row[1]))


@dataclass(frozen=True)
class ConciergeTotals:
    """Requests per status (every status, zero when none) and the ratings given."""

    by_status: dict[str, int]
    rated: int
    rating_sum: int

    @property
    def average_rating(self) -> Decimal | None:
        """The mean rating of rated requests to one decimal; None until someone rates."""
        if not self.rated:
            return None
        mean = Decimal(self.rating_sum) / Decimal(self.rated)
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def concierge_totals(*, session: Session, actor_id: int) -> ConciergeTotals:
    """All-time concierge requests by status, and the average over rated requests."""
    require_admin(session, actor_id)
    status = col(ConciergeRequest.status)
    rating = col(ConciergeRequest.rating)
    counts = {s.value: 0 for s in ConciergeStatus}
    for name, count in session.exec(
        select(status, func.count()).group_by(status)  # type: ignore[call-overload]
    ).all():
        counts[str(name)] = int(count)
    rated, rating_sum = session.exec(
        select(func.count(rating), func.coalesce(func.sum(rating), 0))  # type: ignore[call-overload]
    ).one()
    return ConciergeTotals(counts, int(rated), int(rating_sum or 0))
