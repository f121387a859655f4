"""The Stats tab of /admin/castars: totals, concierge requests, daily CasTars and revenue."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.state.admin.stats import AdminStatsState, BoostCount, StatCard


def _stat_card(card: ObjectVar[StatCard]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(card.label, size="2", color_scheme="gray"),
            rx.heading(card.value, size="5", id="stat-" + card.key.to(str)),
            rx.cond(card.note != "", rx.text(card.note, size="1", color_scheme="gray")),
        ),
        min_width="10rem",
    )


def _cards(cards: rx.Var, box_id: str) -> rx.Component:
    return rx.flex(rx.foreach(cards, _stat_card), wrap="wrap", spacing="3", id=box_id)


def _boost_count(row: ObjectVar[BoostCount]) -> rx.Component:
    return rx.badge(row.label, ": ", row.value, size="2", variant="soft")


def _range_form() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.input(
                name="start",
                type="date",
                default_value=AdminStatsState.range_start,
                aria_label=tr("admin.from"),
            ),
            rx.input(
                name="end",
                type="date",
                default_value=AdminStatsState.range_end,
                aria_label=tr("admin.to"),
            ),
            rx.button(tr("admin.apply"), type="submit", id="stats-range"),
            wrap="wrap",
            spacing="2",
        ),
        on_submit=AdminStatsState.set_range,
    )


# Axis ticks in the page's language (<html lang> follows the viewer): 1.5K, $1.2K.
_COMPACT_NUMBER = (
    "(v) => new Intl.NumberFormat(document.documentElement.lang || undefined,"
    " {notation: 'compact'}).format(v)"
)
_COMPACT_DOLLARS = (
    "(v) => new Intl.NumberFormat(document.documentElement.lang || undefined,"
    " {style: 'currency', currency: 'USD', notation: 'compact'}).format(v)"
)


def _stars_chart() -> rx.Component:
    return rx.recharts.bar_chart(
        rx.recharts.bar(data_key="stars_in", fill="var(--green-9)", name=tr("admin.stars_in")),
        rx.recharts.bar(data_key="stars_out", fill="var(--red-9)", name=tr("admin.stars_out")),
        rx.recharts.x_axis(data_key="label"),
        rx.recharts.y_axis(tick_formatter=_COMPACT_NUMBER, width=48),
        rx.recharts.legend(),
        rx.recharts.graphing_tooltip(),
        data=AdminStatsState.series,
        width="100%",
        height=300,
    )


def _revenue_chart() -> rx.Component:
    """Dollars per day; a refund on a later day shows as that day's negative bar."""
    return rx.recharts.bar_chart(
        rx.recharts.bar(data_key="revenue", fill="var(--blue-9)", name=tr("admin.revenue")),
        rx.recharts.reference_line(y=0, stroke="var(--gray-8)"),
        rx.recharts.x_axis(data_key="label"),
        rx.recharts.y_axis(tick_formatter=_COMPACT_DOLLARS, width=56),
        rx.recharts.graphing_tooltip(),
        data=AdminStatsState.series,
        width="100%",
        height=220,
    )


def stats_tab() -> rx.Component:
    return rx.vstack(
        _cards(AdminStatsState.cards, "stats-money"),
        rx.heading(tr("admin.stat.concierge"), size="3"),
        _cards(AdminStatsState.concierge_cards, "stats-concierge"),
        rx.heading(tr("admin.stat.active_boosts"), size="3"),
        rx.cond(
            AdminStatsState.boosts.length() > 0,
            rx.flex(rx.foreach(AdminStatsState.boosts, _boost_count), wrap="wrap", spacing="2"),
            rx.text(tr("admin.no_boosts"), color_scheme="gray"),
        ),
        _range_form(),
        rx.heading(tr("admin.chart.stars"), size="3"),
        _stars_chart(),
        rx.heading(tr("admin.chart.revenue"), size="3"),
        rx.text(AdminStatsState.range_revenue, weight="bold", id="stats-range-revenue"),
        _revenue_chart(),
        width="100%",
    )
