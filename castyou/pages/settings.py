"""/settings — e-mail opt-in."""

from __future__ import annotations

import reflex as rx

from castyou.components.i18n import tr
from castyou.components.shell import protected
from castyou.state.settings import SettingsState


def _choice(name: str, checked: rx.Var[bool]) -> rx.Component:
    return rx.el.label(
        rx.hstack(
            rx.el.input(type="checkbox", name=name, default_checked=checked, id=f"pref-{name}"),
            rx.text(tr(f"email.pref.{name}")),
            align="center",
            spacing="2",
        )
    )


def settings_page() -> rx.Component:
    return protected(
        rx.vstack(
            rx.heading(tr("settings.title"), size="7", id="settings-title"),
            rx.card(
                rx.form(
                    rx.vstack(
                        rx.heading(tr("email.settings_title"), size="4"),
                        rx.text(tr("email.settings_intro"), color_scheme="gray"),
                        _choice("concierge_updates", SettingsState.concierge_updates),
                        _choice("purchase_receipts", SettingsState.purchase_receipts),
                        rx.button(tr("email.save"), type="submit", id="settings-save"),
                        spacing="3",
                    ),
                    on_submit=SettingsState.save,
                    # Re-render the checkboxes with the saved values after each load.
                    key=SettingsState.concierge_updates.to_string()
                    + SettingsState.purchase_receipts.to_string(),
                ),
                width="100%",
            ),
            spacing="4",
            width="100%",
        )
    )
