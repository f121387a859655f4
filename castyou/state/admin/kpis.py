"""Admin console, KPIs tab: per-assistant concierge figures over a date range, and a chart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_number
from castyou.models.user import Role
from castyou.services.admin import stats
from castyou.services.admin.kpis import AdminKpi, team_kpis
from castyou.state.admin.stats import form_range
from castyou.state.guard import Ctx, guarded
from castyou.state.session import SessionState


@dataclass
class KpiRow:
    """One assistant's figures, formatted ("—" when there is nothing to measure)."""

    name: str = ""
    handled: str = ""
    first_reply: str = ""
    fulfil: str = ""
    sla: str = ""
    rating: str = ""


class AdminKpisState(SessionState):
    """The KPI table and the team's daily handled / within-SLA chart."""

    kpi_rows: rx.Field[list[KpiRow]] = rx.field(default_factory=list)
    kpi_series: rx.Field[list[dict[str, Any]]] = rx.field(default_factory=list)
    kpi_start: str = ""
    kpi_end: str = ""

    def _duration(self, seconds: float | None) -> str:
        if seconds is None:
            return "—"
        minutes = round(seconds / 60)
        hours, minutes = divmod(minutes, 60)
        return self._t("concierge.span", hours=format_number(hours, self.lang), minutes=minutes)

    def _row(self, kpi: AdminKpi) -> KpiRow:
        sla = "—" if kpi.sla_hit_rate is None else f"{round(kpi.sla_hit_rate * 100)}%"
        rating = "—" if kpi.average_rating is None else f"{kpi.average_rating:.1f} ({kpi.rated})"
        return KpiRow(
            name=kpi.name,
            handled=format_number(kpi.handled, self.lang),
            first_reply=self._duration(kpi.median_first_reply_s),
            fulfil=self._duration(kpi.median_fulfil_s),
            sla=sla,
            rating=rating,
        )

    def _reload(self, ctx: Ctx, window: stats.DateRange) -> None:
        kpis = team_kpis(session=ctx.db, actor_id=ctx.viewer.id, window=window)
        self.kpi_rows = [self._row(kpi) for kpi in kpis.admins]
        self.kpi_series = [
            {"day": d.day, "handled": d.handled, "within_sla": d.sla_hits} for d in kpis.days
        ]
        self.kpi_start, self.kpi_end = window.start.isoformat(), window.end.isoformat()

    @rx.event
    @guarded(Role.ADMIN)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._reload(ctx, stats.parse_range("", ""))
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def set_range(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Measure the UTC days from ``start`` to ``end`` (inclusive, YYYY-MM-DD)."""
        self._reload(ctx, form_range(form))
        return None
