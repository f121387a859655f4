"""Admin console, Stats tab: CasTars, revenue and concierge totals and daily charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_date, format_money, format_number
from castyou.models.user import Role
from castyou.services.admin import stats
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.session import SessionState

CURRENCY = "USD"
NO_VALUE = "—"


def form_range(form: dict) -> stats.DateRange:
    """The inclusive UTC date range a ``start``/``end`` form asks for (YYYY-MM-DD)."""
    return stats.parse_range(
        args.field(form, "start", max_len=10, key="admin.invalid_date"),
        args.field(form, "end", max_len=10, key="admin.invalid_date"),
    )


@dataclass
class StatCard:
    """One labelled, formatted figure of the Stats tab."""

    key: str = ""
    label: str = ""
    value: str = ""
    note: str = ""


@dataclass
class BoostCount:
    """How many activations of one feature type are in effect."""

    label: str = ""
    value: str = ""


class AdminStatsState(SessionState):
    """Totals as labelled, formatted cards and one chart point per day.

    A point's ``revenue`` is in dollars because the chart plots it as is; every
    figure shown as text is formatted from integer cents.
    """

    cards: rx.Field[list[StatCard]] = rx.field(default_factory=list)
    concierge_cards: rx.Field[list[StatCard]] = rx.field(default_factory=list)
    # Dict rows: recharts' ``data`` prop only accepts a sequence of dicts.
    series: rx.Field[list[dict[str, int | float | str]]] = rx.field(default_factory=list)
    boosts: rx.Field[list[BoostCount]] = rx.field(default_factory=list)
    range_revenue: str = ""
    range_start: str = ""
    range_end: str = ""

    def _money_cards(self, totals: stats.LedgerTotals, revenue_cents: int) -> None:
        figures = {
            "purchased": totals.purchased,
            "earned": totals.earned,
            "spent": totals.spent,
            "refunded_to_users": totals.refunded_to_users,
            "reversed_purchases": totals.reversed_purchases,
        }
        revenue = format_money(revenue_cents, CURRENCY, self.lang)
        self.cards = [StatCard("revenue", self._t("admin.stat.revenue"), revenue)] + [
            StatCard(key, self._t(f"admin.stat.{key}"), format_number(value, self.lang))
            for key, value in figures.items()
        ]

    def _concierge_cards(self, totals: stats.ConciergeTotals) -> None:
        average = totals.average_rating
        rating = StatCard(
            "rating",
            self._t("admin.stat.average_rating"),
            NO_VALUE if average is None else format_number(float(average), self.lang),
            self._t("admin.stat.no_ratings")
            if average is None
            else self._t("admin.stat.rated", count=format_number(totals.rated, self.lang)),
        )
        self.concierge_cards = [
            StatCard(
                f"concierge-{status.lower()}",
                self._t(f"concierge.status.{status}"),
                format_number(count, self.lang),
            )
            for status, count in totals.by_status.items()
        ] + [rating]

    def _chart(self, points: list[stats.DayPoint]) -> None:
        self.series = [
            {
                "day": p.day,
                "label": format_date(date.fromisoformat(str(p.day)), self.lang, "d MMM"),
                "stars_in": p.stars_in,
                "stars_out": p.stars_out,
                "revenue": p.revenue_cents / 100,
            }
            for p in points
        ]
        total = sum(p.revenue_cents for p in points)
        self.range_revenue = self._t(
            "admin.range_revenue", amount=format_money(total, CURRENCY, self.lang)
        )

    def _reload(self, ctx: Ctx, window: stats.DateRange) -> None:
        db, actor_id = ctx.db, ctx.viewer.id
        totals = stats.ledger_totals(session=db, actor_id=actor_id)
        sales = stats.sales_totals(session=db, actor_id=actor_id)
        requests = stats.concierge_totals(session=db, actor_id=actor_id)
        points = stats.daily_series(session=db, actor_id=actor_id, window=window)
        boosts = stats.active_boosts_by_type(session=db, actor_id=actor_id)
        self.boosts = [
            BoostCount(self._t(f"store.feature.{name}.name"), format_number(n, self.lang))
            for name, n in boosts.items()
        ]
        self._money_cards(totals, sales.revenue_cents)
        self._concierge_cards(requests)
        self._chart(points)
        self.range_start, self.range_end = window.start.isoformat(), window.end.isoformat()

    @rx.event
    @guarded(Role.ADMIN)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._reload(ctx, stats.parse_range("", ""))
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def set_range(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Chart the UTC days from ``start`` to ``end`` (inclusive, YYYY-MM-DD)."""
        self._reload(ctx, form_range(form))
        return None
