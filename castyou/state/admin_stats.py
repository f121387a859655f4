"""Admin console, Stats tab: CasTars totals and a daily chart over a chosen range."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_money, format_number
from castyou.models.user import Role
from castyou.services import admin_stats
from castyou.services.errors import CasTyouError
from castyou.state.admin_common import text_field
from castyou.state.session import SessionState


class AdminStatsState(SessionState):
    """Totals as labelled, formatted cards and one chart point per day."""

    cards: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    series: rx.Field[list[dict[str, int | str]]] = rx.field(default_factory=list)
    boosts: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    range_start: str = ""
    range_end: str = ""

    def _reload(self, viewer_id: int, window: admin_stats.DateRange) -> None:
        with session_scope() as db:
            totals = admin_stats.ledger_totals(session=db, acting_user_id=viewer_id)
            sales = admin_stats.sales_totals(session=db, acting_user_id=viewer_id)
            points = admin_stats.daily_series(session=db, acting_user_id=viewer_id, window=window)
            boosts = admin_stats.active_boosts_by_type(session=db, acting_user_id=viewer_id)
        self.boosts = [
            {"label": self._t(f"admin.feature.{name}"), "value": format_number(n, self.lang)}
            for name, n in boosts.items()
        ]
        figures = {
            "purchased": totals.purchased,
            "earned": totals.earned,
            "spent": totals.spent,
            "refunded_to_users": totals.refunded_to_users,
            "reversed_purchases": totals.reversed_purchases,
        }
        revenue = {
            "key": "revenue",
            "label": self._t("admin.stat.revenue"),
            "value": format_money(sales.revenue_cents, "USD", self.lang),
        }
        self.cards = [revenue] + [
            {
                "key": key,
                "label": self._t(f"admin.stat.{key}"),
                "value": format_number(v, self.lang),
            }
            for key, v in figures.items()
        ]
        self.series = [
            {"day": p.day, "stars_in": p.stars_in, "stars_out": p.stars_out} for p in points
        ]
        self.range_start, self.range_end = window.start.isoformat(), window.end.isoformat()

    @rx.event
    def load(self) -> EventSpec | None:
        try:
            self._reload(self._require(Role.ADMIN).id, admin_stats.parse_range("", ""))
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def set_range(self, form: dict) -> EventSpec | None:
        """Chart the UTC days from ``start`` to ``end`` (inclusive, YYYY-MM-DD)."""
        try:
            viewer = self._require(Role.ADMIN)
            window = admin_stats.parse_range(
                text_field(form, "start", 10), text_field(form, "end", 10)
            )
            self._reload(viewer.id, window)
        except CasTyouError as error:
            return self._error(error)
        return None
