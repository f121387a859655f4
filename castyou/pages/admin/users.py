"""The Users tab of /admin/castars: search, and one user's CasTars, purchases and requests."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.models.user import Role
from castyou.pages.admin.widgets import columns, pager, receipt_link, table
from castyou.state.admin.promotions import AdminPromotionsState, PromotionRow
from castyou.state.admin.purchases import PurchaseRow
from castyou.state.admin.users import (
    AdminUsersState,
    LedgerRow,
    RequestRow,
    UserCard,
    UserRow,
)


def _user_row(row: ObjectVar[UserRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell("#", row.id),
        rx.table.cell(row.name),
        rx.table.cell(row.email),
        rx.table.cell(row.role_label),
        rx.table.cell(row.joined),
        rx.table.cell(row.balance),
        rx.table.cell(
            rx.button(
                tr("admin.open"),
                size="1",
                on_click=AdminUsersState.open_user(row.id),  # type: ignore[operator]
                id="open-user-" + row.id.to(str),
            )
        ),
    )


def _ledger_row(row: ObjectVar[LedgerRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.date),
        rx.table.cell(row.reason),
        rx.table.cell(row.source),
        rx.table.cell(row.delta),
    )


def _purchase_row(row: ObjectVar[PurchaseRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.date),
        rx.table.cell(row.bundle),
        rx.table.cell(row.stars),
        rx.table.cell(row.price),
        rx.table.cell(rx.badge(row.status)),
        rx.table.cell(receipt_link(row)),
    )


def _request_row(row: ObjectVar[RequestRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.date),
        rx.table.cell(row.tier),
        rx.table.cell(rx.badge(row.status)),
        rx.table.cell(row.cost),
        rx.table.cell(row.rating),
    )


def _role_buttons(user: ObjectVar[UserCard]) -> rx.Component:
    return rx.hstack(
        rx.text(tr("admin.role"), weight="bold"),
        *[
            rx.button(
                tr(f"role.{role.value}"),
                size="1",
                variant=rx.cond(user.role == role.value, "solid", "outline"),
                on_click=AdminUsersState.change_role(role.value),  # type: ignore[operator]
                id=f"set-role-{role.value}",
            )
            for role in Role
        ],
        wrap="wrap",
    )


def _activity() -> list[rx.Component]:
    return [
        rx.heading(AdminUsersState.purchases_title, size="3"),
        table(
            AdminUsersState.purchase_rows,
            _purchase_row,
            "admin.no_user_purchases",
            columns("date", "bundle", "stars", "price", "status", "actions"),
            id="user-purchases",
        ),
        rx.heading(AdminUsersState.requests_title, size="3"),
        table(
            AdminUsersState.request_rows,
            _request_row,
            "admin.no_user_requests",
            columns("date", "tier", "status", "cost", "rating"),
            id="user-requests",
        ),
        rx.heading(tr("admin.user_ledger"), size="3"),
        table(
            AdminUsersState.ledger_rows,
            _ledger_row,
            "admin.no_user_ledger",
            columns("date", "reason", "source", "change"),
            id="user-ledger",
        ),
        rx.cond(
            AdminUsersState.ledger_cursor != "",
            rx.button(tr("admin.more"), on_click=AdminUsersState.more_ledger),
        ),
    ]


def _selected_user() -> rx.Component:
    user: ObjectVar[UserCard] = AdminUsersState.selected  # type: ignore[assignment]
    return rx.cond(
        user.id != 0,
        rx.card(
            rx.vstack(
                rx.heading(user.name, size="4", id="selected-user"),
                rx.text(user.email),
                rx.text(tr("admin.user_id"), ": ", rx.text.span(user.id, id="selected-user-id")),
                rx.hstack(
                    rx.badge(tr("admin.balance"), " ", user.balance, id="selected-balance"),
                    rx.badge(tr("admin.lifetime"), " ", user.lifetime),
                    wrap="wrap",
                ),
                _role_buttons(user),
                *_activity(),
                width="100%",
            ),
            width="100%",
        ),
    )


def _promotion_row(row: ObjectVar[PromotionRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.date),
        rx.table.cell(row.user),
        rx.table.cell(row.requested_by),
        rx.table.cell(
            rx.cond(
                row.can_decide,
                rx.hstack(
                    rx.button(
                        tr("admin.approve"),
                        size="1",
                        on_click=AdminPromotionsState.approve_promotion(row.id),  # type: ignore[operator]
                        id="approve-promotion-" + row.id.to(str),
                    ),
                    rx.button(
                        tr("admin.reject"),
                        size="1",
                        color_scheme="red",
                        on_click=AdminPromotionsState.reject_promotion(row.id),  # type: ignore[operator]
                        id="reject-promotion-" + row.id.to(str),
                    ),
                ),
                rx.text(tr("admin.promotion_waits"), size="1", color_scheme="gray"),
            )
        ),
    )


def _pending_promotions() -> rx.Component:
    return rx.cond(
        AdminPromotionsState.promotion_rows.length() > 0,
        rx.vstack(
            rx.heading(tr("admin.pending_promotions"), size="3"),
            table(
                AdminPromotionsState.promotion_rows,
                _promotion_row,
                "admin.no_promotions",
                columns("date", "user", "requested_by", "actions"),
                id="pending-promotions",
            ),
            width="100%",
        ),
    )


def users_tab() -> rx.Component:
    return rx.vstack(
        _pending_promotions(),
        rx.form(
            rx.hstack(
                rx.input(name="query", placeholder=tr("admin.search_placeholder"), id="user-q"),
                rx.button(tr("admin.search"), type="submit", id="user-search"),
            ),
            on_submit=AdminUsersState.search,
        ),
        table(
            AdminUsersState.rows,
            _user_row,
            "admin.no_users",
            columns(
                "id",
                "name",
                "email",
                "role",
                "joined",
                "balance",
                "actions",
                sortable=AdminUsersState.sortable,
            ),
            sort_state=AdminUsersState,
        ),
        pager(AdminUsersState, "users"),
        _selected_user(),
        width="100%",
    )
