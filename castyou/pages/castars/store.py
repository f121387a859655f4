"""/castars/store — the Feature Store."""

from typing import Any

import reflex as rx

from castyou import routes
from castyou.components.i18n import tr
from castyou.components.shell import protected
from castyou.state.castars.store import StoreState


def _target_picker(key: Any, targets: Any, no_target: Any) -> rx.Component:
    return rx.cond(
        targets.length() == 0,
        rx.text(no_target, size="2", color_scheme="gray"),
        rx.cond(
            targets.length() > 1,
            rx.select.root(
                rx.select.trigger(placeholder=tr("store.choose_target"), width="100%"),
                rx.select.content(
                    rx.foreach(targets, lambda t: rx.select.item(t.label, value=t.id))
                ),
                on_change=lambda value: StoreState.choose(key, value),  # type: ignore[operator]
                id=f"target-{key}",
            ),
        ),
    )


def _activate_button(card: Any) -> rx.Component:
    return rx.cond(
        card.can_afford,
        rx.button(
            rx.cond(StoreState.busy == card.feature, rx.spinner(size="1"), tr("store.activate")),
            on_click=StoreState.ask_confirm(card.feature),  # type: ignore[operator]
            disabled=(card.targets.length() == 0) | (StoreState.busy != ""),
            width="100%",
            id=f"activate-{card.feature}",
        ),
        rx.vstack(
            rx.button(card.short_label, disabled=True, width="100%", id=f"short-{card.feature}"),
            rx.link(tr("store.buy_link"), href=routes.CASTARS_BUY, size="2"),
            width="100%",
            spacing="1",
        ),
    )


def _feature_card(card: Any) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(card.name, size="4"),
                rx.badge(card.cost, " ★", color_scheme="amber"),
                justify="between",
                width="100%",
            ),
            rx.text(card.description, size="2"),
            rx.text(card.duration, size="1", color_scheme="gray"),
            rx.cond(
                card.in_store,
                rx.vstack(
                    _target_picker(card.feature, card.targets, card.no_target),
                    _activate_button(card),
                    width="100%",
                ),
                rx.link(tr("store.dm_hint"), href=routes.MESSAGES, size="2"),
            ),
            spacing="2",
            height="100%",
        ),
        id=f"feature-{card.feature}",
    )


def _active_row(item: Any) -> rx.Component:
    return rx.hstack(
        rx.badge(item.name, color_scheme="green"),
        rx.text(item.target, size="2"),
        rx.text(item.remaining, size="2", color_scheme="gray", class_name="remaining"),
        wrap="wrap",
    )


def _grant_row(grant: Any) -> rx.Component:
    key = f"grant-{grant.id}"
    return rx.card(
        rx.vstack(
            rx.text(grant.name, " · ", grant.duration, weight="bold"),
            _target_picker(key, grant.targets, grant.no_target),
            rx.button(
                tr("store.use_grant"),
                on_click=StoreState.use_grant(grant.id),  # type: ignore[operator]
                disabled=grant.targets.length() == 0,
                id=key,
            ),
        )
    )


def _confirm_dialog() -> rx.Component:
    """Confirm a spend: cost and balance after; Confirm sends the dialog's click key."""
    confirm: Any = StoreState.confirm
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(tr("store.confirm_title")),
            rx.alert_dialog.description(
                rx.vstack(
                    rx.text(confirm.name, weight="bold", id="confirm-name"),
                    rx.text(tr("store.confirm_cost"), " ", confirm.cost, " ★", id="confirm-cost"),
                    rx.text(
                        tr("store.confirm_after"),
                        " ",
                        confirm.balance_after,
                        " ★",
                        id="confirm-after",
                    ),
                    spacing="1",
                )
            ),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(
                        tr("common.cancel"),
                        variant="soft",
                        color_scheme="gray",
                        on_click=StoreState.close_confirm,
                        id="cancel-spend",
                    )
                ),
                rx.button(
                    rx.cond(StoreState.busy != "", rx.spinner(size="1"), tr("store.confirm_spend")),
                    on_click=StoreState.activate(confirm.feature, StoreState.click_key),  # type: ignore[operator]
                    disabled=StoreState.busy != "",
                    id="confirm-spend",
                ),
                justify="end",
                spacing="3",
                margin_top="3",
            ),
        ),
        open=confirm.feature != "",
    )


def store_page() -> rx.Component:
    return protected(
        rx.vstack(
            rx.hstack(
                rx.heading(tr("store.title"), size="6", id="store-title"),
                rx.text(StoreState.balance_label, id="store-balance"),
                justify="between",
                width="100%",
                wrap="wrap",
            ),
            rx.text(tr("store.intro"), color_scheme="gray"),
            rx.cond(
                StoreState.active.length() > 0,
                rx.vstack(
                    rx.heading(tr("store.active_title"), size="4"),
                    rx.foreach(StoreState.active, _active_row),
                    id="active-features",
                ),
            ),
            rx.cond(
                StoreState.grants.length() > 0,
                rx.vstack(
                    rx.heading(tr("store.grants_title"), size="4"),
                    rx.foreach(StoreState.grants, _grant_row),
                ),
            ),
            rx.grid(
                rx.foreach(StoreState.cards, _feature_card),
                columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                spacing="4",
                width="100%",
            ),
            _confirm_dialog(),
            spacing="4",
            width="100%",
        )
    )
