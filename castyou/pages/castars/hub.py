"""/castars — the CasTars hub (FE-CASTARS-004): History | Bounties | Store."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from castyou import routes
from castyou.components.i18n import tr
from castyou.components.shell import protected
from castyou.services.castars.bounty_rewards import BOUNTY_REWARDS, BountyReward
from castyou.state.castars.hub import BountyRow, CastarsState, HistoryRow, RedeemedRow


def _history_row(row: ObjectVar[HistoryRow]) -> rx.Component:
    delta = rx.cond(
        row.tone == "green",
        rx.text(row.delta, weight="bold", color_scheme="green"),
        rx.text(row.delta, weight="bold", color_scheme="red"),
    )
    return rx.hstack(
        rx.vstack(
            rx.text(row.reason, weight="medium"),
            rx.hstack(
                rx.text(row.date, size="1", color_scheme="gray"),
                rx.badge(row.source, size="1", variant="soft", high_contrast=True),
                rx.cond(
                    row.receipt != "",
                    rx.link(
                        tr("payments.view_receipt"),
                        href=row.receipt,
                        size="1",
                        class_name="receipt-link",
                    ),
                ),
                spacing="2",
                wrap="wrap",
            ),
            spacing="1",
            min_width="0",
        ),
        rx.vstack(
            delta,
            rx.text(row.balance, size="1", color_scheme="gray"),
            align="end",
            spacing="1",
        ),
        justify="between",
        width="100%",
        padding_y="0.5rem",
        border_bottom="1px solid var(--gray-a4)",
        class_name="history-row",
    )


def _history_tab() -> rx.Component:
    return rx.cond(
        CastarsState.rows.length() > 0,
        rx.vstack(
            rx.foreach(CastarsState.rows, _history_row),
            rx.cond(
                CastarsState.next_cursor != "",
                rx.button(
                    tr("common.load_more"),
                    variant="outline",
                    on_click=CastarsState.load_more,
                    id="history-load-more",
                ),
            ),
            width="100%",
            id="history-list",
        ),
        rx.callout(tr("castars.history_empty"), icon="sparkles", id="history-empty"),
    )


def _reward_choice(reward: BountyReward) -> rx.Component:
    return rx.button(
        rx.icon(reward.icon, size=16),
        rx.vstack(
            rx.text(tr(reward.label_key), weight="bold", size="2"),
            rx.text(tr(reward.description_key), size="1"),
            spacing="0",
            align="start",
        ),
        variant="surface",
        height="auto",
        padding="0.5rem",
        justify_content="start",
        white_space="normal",
        width="100%",
        on_click=CastarsState.redeem(CastarsState.redeem_milestone, reward.type.value),  # type: ignore[operator]
        id=f"redeem-type-{reward.type.value}",
    )


def _available_bounty(item: ObjectVar[BountyRow]) -> rx.Component:
    milestone = item.milestone
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("gift", color="var(--amber-9)"),
                rx.text(item.label, weight="bold"),
                align="center",
            ),
            rx.cond(
                CastarsState.redeem_milestone == milestone,
                rx.vstack(
                    rx.text(tr("castars.redeem_choose"), size="2"),
                    *[_reward_choice(reward) for reward in BOUNTY_REWARDS.values()],
                    rx.button(
                        tr("common.cancel"),
                        variant="ghost",
                        on_click=CastarsState.open_redeem(0),  # type: ignore[operator]
                    ),
                    width="100%",
                ),
                rx.button(
                    tr("castars.redeem"),
                    on_click=CastarsState.open_redeem(milestone),  # type: ignore[operator]
                    id="redeem-open-" + milestone.to_string(),
                ),
            ),
            width="100%",
        ),
        width="100%",
    )


def _redeemed_bounty(item: ObjectVar[RedeemedRow]) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.icon("circle-check", size=16),
            rx.text(item.label),
            rx.text(item.reward, size="2"),
            wrap="wrap",
            align="center",
        ),
        opacity="0.55",
        width="100%",
        class_name="redeemed-bounty",
    )


def _bounties_tab() -> rx.Component:
    return rx.vstack(
        rx.text(CastarsState.progress_text, weight="bold", id="bounty-progress-text"),
        rx.progress(value=CastarsState.progress_percent, max=100, width="100%"),
        rx.text(CastarsState.lifetime_text, size="2", color_scheme="gray"),
        rx.heading(tr("castars.unlocked_title"), size="4"),
        rx.cond(
            CastarsState.available.length() > 0,
            rx.vstack(rx.foreach(CastarsState.available, _available_bounty), width="100%"),
            rx.text(tr("castars.no_bounties"), color_scheme="gray", id="no-bounties"),
        ),
        rx.cond(
            CastarsState.redeemed.length() > 0,
            rx.vstack(
                rx.heading(tr("castars.redeemed_title"), size="4"),
                rx.foreach(CastarsState.redeemed, _redeemed_bounty),
                width="100%",
            ),
        ),
        width="100%",
        spacing="3",
    )


def _store_tab() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(tr("castars.store_title"), size="4"),
            rx.text(tr("castars.store_body")),
            rx.link(
                rx.button(tr("castars.store_open")), href=routes.CASTARS_STORE, id="store-link"
            ),
        )
    )


def _concierge_card() -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.icon("concierge-bell", size=28),
            rx.vstack(
                rx.heading(tr("castars.concierge_title"), size="3"),
                rx.text(tr("castars.concierge_body"), size="2"),
                rx.link(
                    rx.button(tr("castars.concierge_cta"), variant="soft"),
                    href=routes.CONCIERGE,
                    id="concierge-cta",
                ),
                spacing="2",
            ),
            align="start",
        ),
        width="100%",
    )


def castars_page() -> rx.Component:
    return protected(
        rx.vstack(
            rx.heading(tr("castars.title"), size="7", id="castars-title"),
            rx.tabs.root(
                rx.tabs.list(
                    rx.tabs.trigger(tr("castars.tab_history"), value="history", id="tab-history"),
                    rx.tabs.trigger(
                        tr("castars.tab_bounties"), value="bounties", id="tab-bounties"
                    ),
                    rx.tabs.trigger(tr("castars.tab_store"), value="store", id="tab-store"),
                ),
                rx.tabs.content(_history_tab(), value="history", padding_top="1rem"),
                rx.tabs.content(_bounties_tab(), value="bounties", padding_top="1rem"),
                rx.tabs.content(_store_tab(), value="store", padding_top="1rem"),
                default_value="history",
                width="100%",
            ),
            _concierge_card(),
            spacing="4",
            width="100%",
        )
    )
