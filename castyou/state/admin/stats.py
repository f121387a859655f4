"""Admin console, Stats tab: CasTars, revenue and concierge totals and daily charts."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_money, format_number
from castyou.models.user import Role
from castyou.services.admin import stats
from castyou.services.errors import CasTyouError
from castyou.state.admin.common import text_field
from castyou.state.session import SessionState

CURRENCY = "USD"
NO_VALUE = "—"


class AdminStatsState(SessionState):
    """Totals as labelled, formatted cards and one chart point per day.

    A point's ``revenue`` is in dollars because the chart plots it as is; every
    figure shown as text is formatted from integer cents.
    """

    cards: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    concierge_cards: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    series: rx.Field[list[dict[str, int | float | str]]] = rx.field(default_factory=list)
    boosts: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    range_revenue: str = ""
    range_start: str = ""
    range_end: str = ""

    def _card(self, key: str, label: str, value: str, note: str = "") -> dict[str, str]:
        return {"key": key, "label": label, "value": value, "note": note}

    def _money_cards(self, totals: stats.LedgerTotals, revenue_cents: int) -> None:
        figures = {
            "purchased": totals.purchased,
            "earned": totals.earned,
            "spent": totals.spent,
            "refunded_to_users": totals.refunded_to_users,
            "reversed_purchases": totals.reversed_purchases,
        }
        revenue = format_money(revenue_cents, CURRENCY, self.lang)
        self.cards = [self._card("revenue", self._t("admin.stat.revenue"), revenue)] + [
            self._card(key, self._t(f"admin.stat.{key}"), format_number(value, self.lang))
            for key, value in figures.items()
        ]

    def _concierge_cards(self, totals: stats.ConciergeTotals) -> None:
        average = totals.average_rating
        rating = self._card(
            "rating",
            self._t("admin.stat.average_rating"),
            NO_VALUE if average is None else format_number(float(average), self.lang),
            self._t("admin.stat.no_ratings")
            if average is None
            else self._t("admin.stat.rated", count=format_number(totals.rated, self.lang)),
        )
        self.concierge_cards = [
            self._card(
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

    def _reload(self, viewer_id: int, window: stats.DateRange) -> None:
        with session_scope() as db:
            totals = stats.ledger_totals(session=db, actor_id=viewer_id)
            sales = stats.sales_totals(session=db, actor_id=viewer_id)
            requests = stats.concierge_totals(session=db, actor_id=viewer_id)
            points = stats.daily_series(session=db, actor_id=viewer_id, window=window)
            boosts = stats.active_boosts_by_type(session=db, actor_id=viewer_id)
        self.boosts = [
            {"label": self._t(f"store.feature.{name}.name"), "value": format_number(n, self.lang)}
            for name, n in boosts.items()
        ]
        self._money_cards(totals, sales.revenue_cents)
        self._concierge_cards(requests)
        self._chart(points)
        self.range_start, self.range_end = window.start.isoformat(), window.end.isoformat()

    @rx.event
    def load(self) -> EventSpec | None:
        try:
            self._reload(self._require(Role.ADMIN).id, stats.parse_range("", ""))
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def set_range(self, form: dict) -> EventSpec | None:
        """Chart the UTC days from ``start`` to ``end`` (inclusive, YYYY-MM-DD)."""
        try:
            viewer = self._require(Role.ADMIN)
            window = stats.parse_range(text_field(form, "start", 10), text_field(form, "end", 10))
            self._reload(viewer.id, window)
        except CasTyouError as error:
            return self._error(error)
        return None
