"""Tab panels of /admin/castars: users, grants, stats and audit log (layout only)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.models.user import Role
from castyou.state.admin_audit import AdminAuditState
from castyou.state.admin_grants import AdminGrantsState
from castyou.state.admin_stats import AdminStatsState
from castyou.state.admin_users import AdminUsersState


def _pager(state: type, prefix: str) -> rx.Component:
    return rx.hstack(
        rx.button(
            tr("admin.prev"),
            on_click=state.turn_page(-1),  # type: ignore[attr-defined]
            disabled=~state.has_prev,  # type: ignore[attr-defined]
            variant="soft",
            id=f"{prefix}-prev",
        ),
        rx.button(
            tr("admin.next"),
            on_click=state.turn_page(1),  # type: ignore[attr-defined]
            disabled=~state.has_next,  # type: ignore[attr-defined]
            variant="soft",
            id=f"{prefix}-next",
        ),
    )


def _scroll(*children: rx.Component) -> rx.Component:
    return rx.box(*children, width="100%", overflow_x="auto")


def _user_row(row: ObjectVar[dict[str, str]]) -> rx.Component:
    return rx.table.row(
        rx.table.cell("#", row["id"]),
        rx.table.cell(row["name"]),
        rx.table.cell(row["email"]),
        rx.table.cell(row["role_label"]),
        rx.table.cell(
            rx.button(
                tr("admin.open"),
                size="1",
                on_click=AdminUsersState.open_user(row["id"]),  # type: ignore[operator]
                id="open-user-" + row["id"].to(str),
            )
        ),
    )


def _ledger_row(row: ObjectVar[dict[str, str]]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["date"]),
        rx.table.cell(row["reason"]),
        rx.table.cell(row["source"]),
        rx.table.cell(row["delta"]),
    )


def _selected_user() -> rx.Component:
    user: ObjectVar[dict[str, str]] = AdminUsersState.selected  # type: ignore[assignment]
    return rx.cond(
        user.contains("id"),
        rx.card(
            rx.vstack(
                rx.heading(user["name"], size="4", id="selected-user"),
                rx.text(user["email"]),
                rx.text(tr("admin.user_id"), ": ", rx.text.span(user["id"], id="selected-user-id")),
                rx.hstack(
                    rx.badge(tr("admin.balance"), " ", user["balance"], id="selected-balance"),
                    rx.badge(tr("admin.lifetime"), " ", user["lifetime"]),
                    wrap="wrap",
                ),
                rx.hstack(
                    rx.text(tr("admin.role"), weight="bold"),
                    *[
                        rx.button(
                            tr(f"role.{role.value}"),
                            size="1",
                            variant=rx.cond(user["role"] == role.value, "solid", "outline"),
                            on_click=AdminUsersState.change_role(role.value),  # type: ignore[operator]
                            id=f"set-role-{role.value}",
                        )
                        for role in Role
                    ],
                    wrap="wrap",
                ),
                _scroll(
                    rx.table.root(
                        rx.table.body(rx.foreach(AdminUsersState.ledger_rows, _ledger_row))
                    )
                ),
                rx.cond(
                    AdminUsersState.ledger_cursor != "",
                    rx.button(tr("admin.more"), on_click=AdminUsersState.more_ledger),
                ),
            ),
            width="100%",
        ),
    )


def users_tab() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.hstack(
                rx.input(name="query", placeholder=tr("admin.search_placeholder"), id="user-q"),
                rx.button(tr("admin.search"), type="submit", id="user-search"),
            ),
            on_submit=AdminUsersState.search,
        ),
        rx.cond(
            AdminUsersState.users.length() > 0,
            _scroll(rx.table.root(rx.table.body(rx.foreach(AdminUsersState.users, _user_row)))),
            rx.text(tr("admin.no_users"), color_scheme="gray"),
        ),
        _pager(AdminUsersState, "users"),
        _selected_user(),
        width="100%",
    )


def _grant_row(row: ObjectVar[dict[str, str]]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["date"]),
        rx.table.cell(row["user"]),
        rx.table.cell(row["amount"]),
        rx.table.cell(row["reason"]),
        rx.table.cell(rx.badge(row["status_label"])),
        rx.table.cell(
            rx.cond(
                row["can_decide"] != "",
                rx.hstack(
                    rx.button(
                        tr("admin.approve"),
                        size="1",
                        on_click=AdminGrantsState.approve(row["id"]),  # type: ignore[operator]
                        id="approve-" + row["id"].to(str),
                    ),
                    rx.button(
                        tr("admin.reject"),
                        size="1",
                        color_scheme="red",
                        on_click=AdminGrantsState.reject(row["id"]),  # type: ignore[operator]
                    ),
                ),
            )
        ),
    )


def grants_tab() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.flex(
                rx.input(name="user_id", placeholder=tr("admin.user_id"), id="grant-user"),
                rx.input(
                    name="amount", placeholder=tr("admin.amount"), type="number", id="grant-amount"
                ),
                rx.input(name="reason", placeholder=tr("admin.reason"), id="grant-reason"),
                rx.button(tr("admin.grant"), type="submit", id="grant-submit"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminGrantsState.grant,
            reset_on_submit=True,
        ),
        rx.text(AdminGrantsState.threshold_text, size="2", color_scheme="gray"),
        rx.cond(
            AdminGrantsState.form_error != "", rx.text(AdminGrantsState.form_error, color="red")
        ),
        rx.cond(
            AdminGrantsState.grants.length() > 0,
            _scroll(rx.table.root(rx.table.body(rx.foreach(AdminGrantsState.grants, _grant_row)))),
            rx.text(tr("admin.no_grants"), color_scheme="gray"),
        ),
        width="100%",
    )


def _stat_card(card: ObjectVar[dict[str, str]]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(card["label"], size="2", color_scheme="gray"),
            rx.heading(card["value"], size="5", id="stat-" + card["key"].to(str)),
        ),
        min_width="10rem",
    )


def _boost_count(row: ObjectVar[dict[str, str]]) -> rx.Component:
    return rx.badge(row["label"], ": ", row["value"], size="2", variant="soft")


def stats_tab() -> rx.Component:
    return rx.vstack(
        rx.flex(rx.foreach(AdminStatsState.cards, _stat_card), wrap="wrap", spacing="3"),
        rx.heading(tr("admin.stat.active_boosts"), size="3"),
        rx.cond(
            AdminStatsState.boosts.length() > 0,
            rx.flex(rx.foreach(AdminStatsState.boosts, _boost_count), wrap="wrap", spacing="2"),
            rx.text(tr("admin.no_boosts"), color_scheme="gray"),
        ),
        rx.form(
            rx.flex(
                rx.input(name="start", type="date", default_value=AdminStatsState.range_start),
                rx.input(name="end", type="date", default_value=AdminStatsState.range_end),
                rx.button(tr("admin.apply"), type="submit", id="stats-range"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminStatsState.set_range,
        ),
        rx.recharts.bar_chart(
            rx.recharts.bar(data_key="stars_in", fill="var(--green-9)", name=tr("admin.stars_in")),
            rx.recharts.bar(data_key="stars_out", fill="var(--red-9)", name=tr("admin.stars_out")),
            rx.recharts.x_axis(data_key="day"),
            rx.recharts.y_axis(),
            rx.recharts.legend(),
            rx.recharts.graphing_tooltip(),
            data=AdminStatsState.series,
            width="100%",
            height=300,
        ),
        width="100%",
    )


def _audit_row(row: ObjectVar[dict[str, str]]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["date"]),
        rx.table.cell(row["admin"]),
        rx.table.cell(row["action"]),
        rx.table.cell(row["target"]),
        rx.table.cell(rx.code(row["before"])),
        rx.table.cell(rx.code(row["after"])),
        rx.table.cell(row["note"]),
    )


def audit_tab() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.flex(
                rx.input(name="admin_id", placeholder=tr("admin.admin_id")),
                rx.input(name="action", placeholder=tr("admin.action")),
                rx.input(name="target_type", placeholder=tr("admin.target_type")),
                rx.input(name="target_id", placeholder=tr("admin.target_id")),
                rx.input(name="since", type="date"),
                rx.input(name="until", type="date"),
                rx.button(tr("admin.apply"), type="submit", id="audit-filter"),
                wrap="wrap",
                spacing="2",
            ),
            on_submit=AdminAuditState.filter,
        ),
        rx.cond(
            AdminAuditState.rows.length() > 0,
            _scroll(rx.table.root(rx.table.body(rx.foreach(AdminAuditState.rows, _audit_row)))),
            rx.text(tr("admin.no_actions"), color_scheme="gray"),
        ),
        _pager(AdminAuditState, "audit"),
        width="100%",
    )
