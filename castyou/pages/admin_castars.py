"""/admin/castars — the CasTars admin console (admins only; each handler checks too)."""

from __future__ import annotations

import reflex as rx

from castyou.components.i18n import tr
from castyou.components.shell import admin_only
from castyou.pages.admin_money_tabs import boosts_tab, bundles_tab, purchases_tab, webhooks_tab
from castyou.pages.admin_stats_tab import stats_tab
from castyou.pages.admin_tabs import audit_tab, grants_tab
from castyou.pages.admin_users_tab import users_tab
from castyou.state.admin_audit import AdminAuditState
from castyou.state.admin_boosts import AdminBoostsState
from castyou.state.admin_bundles import AdminBundlesState
from castyou.state.admin_grants import AdminGrantsState
from castyou.state.admin_purchases import AdminPurchasesState
from castyou.state.admin_stats import AdminStatsState
from castyou.state.admin_webhooks import AdminWebhooksState
from castyou.state.session import SessionState

TABS = (
    ("stats", stats_tab),
    ("users", users_tab),
    ("grants", grants_tab),
    ("bundles", bundles_tab),
    ("purchases", purchases_tab),
    ("boosts", boosts_tab),
    ("webhooks", webhooks_tab),
    ("audit", audit_tab),
)

ON_LOAD = [
    SessionState.require_login,
    AdminStatsState.load,
    AdminGrantsState.load,
    AdminAuditState.load,
    AdminBoostsState.load,
    AdminBundlesState.load,
    AdminPurchasesState.load,
    AdminWebhooksState.load,
]


def admin_castars_page() -> rx.Component:
    return admin_only(
        rx.vstack(
            rx.heading(tr("admin.castars_title"), size="6", id="admin-castars-title"),
            rx.tabs.root(
                rx.tabs.list(
                    *[
                        rx.tabs.trigger(tr(f"admin.tab.{name}"), value=name, id=f"tab-{name}")
                        for name, _ in TABS
                    ],
                    wrap="wrap",
                ),
                *[rx.tabs.content(panel(), value=name, padding_top="1rem") for name, panel in TABS],
                default_value="stats",
                width="100%",
            ),
            width="100%",
        )
    )
