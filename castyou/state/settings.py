"""/settings: the signed-in user's e-mail opt-in (their own account only)."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.services.email import prefs
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.session import SessionState


def _checked(form: dict, name: str) -> bool:
    return form.get(name) in ("on", True, "true")


class SettingsState(SessionState):
    """The e-mail choices as saved."""

    concierge_updates: rx.Field[bool] = rx.field(False)
    purchase_receipts: rx.Field[bool] = rx.field(False)

    def _show(self, ctx: Ctx) -> None:
        saved = prefs.get_prefs(session=ctx.db, user_id=ctx.viewer.id)
        self.concierge_updates = saved.concierge_updates
        self.purchase_receipts = saved.purchase_receipts

    @rx.event
    @guarded(page_load=True)
    def load(self, ctx: Ctx) -> None:
        self._show(ctx)

    @rx.event
    @guarded()
    def save(self, ctx: Ctx, form: dict) -> EventSpec | None:
        fields = args.form(form)
        prefs.set_prefs(
            session=ctx.db,
            user_id=ctx.viewer.id,
            concierge_updates=_checked(fields, "concierge_updates"),
            purchase_receipts=_checked(fields, "purchase_receipts"),
        )
        self._show(ctx)
        return self._success("email.saved")
