"""Admin console, KPIs tab: per-assistant concierge figures and the team's daily chart."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.state.admin.kpis import AdminKpisState, KpiRow

_COLUMNS = ("name", "handled", "first_reply", "fulfil", "sla", "rating")


def _kpi_row(row: ObjectVar[KpiRow]) -> rx.Component:
    return rx.table.row(
        *[rx.table.cell(getattr(row, name)) for name in _COLUMNS], class_name="kpi-row"
    )


def _range_form() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.input(name="start", type="date", default_value=AdminKpisState.kpi_start),
            rx.input(name="end", type="date", default_value=AdminKpisState.kpi_end),
            rx.button(tr("admin.apply"), type="submit", id="kpi-apply"),
            spacing="2",
            wrap="wrap",
        ),
        on_submit=AdminKpisState.set_range,
    )


def kpis_tab() -> rx.Component:
    return rx.vstack(
        _range_form(),
        rx.table.root(
            rx.table.header(
                rx.table.row(*[rx.table.column_header_cell(tr(f"kpi.{name}")) for name in _COLUMNS])
            ),
            rx.table.body(rx.foreach(AdminKpisState.kpi_rows, _kpi_row)),
            width="100%",
            id="kpi-table",
        ),
        rx.cond(
            AdminKpisState.kpi_rows.length() == 0,
            rx.text(tr("kpi.none"), color_scheme="gray"),
        ),
        rx.recharts.bar_chart(
            rx.recharts.bar(data_key="handled", fill="var(--blue-9)", name=tr("kpi.handled")),
            rx.recharts.bar(
                data_key="within_sla", fill="var(--green-9)", name=tr("kpi.within_sla")
            ),
            rx.recharts.x_axis(data_key="day"),
            rx.recharts.y_axis(allow_decimals=False),
            rx.recharts.legend(),
            rx.recharts.graphing_tooltip(),
            data=AdminKpisState.kpi_series,
            width="100%",
            height=260,
        ),
        width="100%",
        spacing="3",
    )
