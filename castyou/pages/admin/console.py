"""/admin/castars — the CasTars admin console (admins only; each handler checks too)."""

from __future__ import annotations

import reflex as rx

from castyou.components.i18n import tr
from castyou.components.shell import admin_only
from castyou.pages.admin.audit import audit_tab
from castyou.pages.admin.boosts import boosts_tab
from castyou.pages.admin.bundles import bundles_tab
from castyou.pages.admin.grants import grants_tab
from castyou.pages.admin.kpis import kpis_tab
from castyou.pages.admin.outbox import outbox_tab
from castyou.pages.admin.purchases import purchases_tab
from castyou.pages.admin.stats import stats_tab
from castyou.pages.admin.support import support_tab
from castyou.pages.admin.users import users_tab
from castyou.pages.admin.webhooks import webhooks_tab
from castyou.state.admin.audit import AdminAuditState
from castyou.state.admin.boosts import AdminBoostsState
from castyou.state.admin.bundles import AdminBundlesState
from castyou.state.admin.console_tab import AdminConsoleTabState
from castyou.state.admin.grants import AdminGrantsState
from castyou.state.admin.kpis import AdminKpisState
from castyou.state.admin.outbox import AdminOutboxState
from castyou.state.admin.promotions import AdminPromotionsState
from castyou.state.admin.purchases import AdminPurchasesState
from castyou.state.admin.stats import AdminStatsState
from castyou.state.admin.support import AdminSupportState
from castyou.state.admin.webhooks import AdminWebhooksState

TABS = (
    ("stats", stats_tab),
    ("users", users_tab),
    ("grants", grants_tab),
    ("bundles", bundles_tab),
    ("purchases", purchases_tab),
    ("boosts", boosts_tab),
    ("webhooks", webhooks_tab),
    ("audit", audit_tab),
    ("kpis", kpis_tab),
    ("support", support_tab),
    ("outbox", outbox_tab),
)

ADMIN_CONSOLE_ON_LOAD = [
    AdminConsoleTabState.open_from_url,
    AdminStatsState.load,
    AdminGrantsState.load,
    AdminPromotionsState.load,
    AdminAuditState.load,
    AdminBoostsState.load,
    AdminBundlesState.load,
    AdminPurchasesState.load,
    AdminWebhooksState.load,
    AdminKpisState.load,
    AdminSupportState.load,
    AdminOutboxState.load,
]


def admin_console_page() -> rx.Component:
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
                value=AdminConsoleTabState.console_tab,
                on_change=AdminConsoleTabState.set_console_tab,
                width="100%",
            ),
            width="100%",
        )
    )
