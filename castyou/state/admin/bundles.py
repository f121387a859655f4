"""Admin console, Bundles tab: list, create, edit, activate/deactivate, delete unsold."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_money, format_number
from castyou.models.user import Role
from castyou.services.admin import bundles as admin_bundles
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.state.admin.common import as_admin, text_field
from castyou.state.session import SessionState


def _whole(form: dict, name: str) -> int:
    """A whole number typed in a form field (-1 when it is not one: the service refuses it)."""
    text = text_field(form, name, 12)
    return int(text) if text.lstrip("-").isdigit() else -1


def _cents(form: dict, name: str) -> int:
    """A price typed as dollars ("12.99") in cents (-1 when malformed)."""
    text = text_field(form, name, 12).replace(",", ".")
    whole, _, frac = text.partition(".")
    if not whole.isdigit() or (frac and (not frac.isdigit() or len(frac) > 2)):
        return -1
    return int(whole) * 100 + int((frac + "00")[:2])


def _fields(form: dict) -> admin_bundles.BundleInput:
    return admin_bundles.BundleInput(
        name=text_field(form, "name", 80),
        stars=_whole(form, "stars"),
        bonus_stars=_whole(form, "bonus_stars") if text_field(form, "bonus_stars", 12) else 0,
        price_cents=_cents(form, "price"),
    )


class AdminBundlesState(SessionState):
    """Every bundle as display rows; ``editing`` is the bundle id the edit form changes."""

    bundles: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    editing: str = ""
    form_error: str = ""

    def _reload(self, viewer_id: int) -> None:
        with session_scope() as db:
            rows = admin_bundles.list_bundles(session=db, actor_id=viewer_id)
        self.bundles = [
            {
                "id": row.bundle.id,
                "name": row.bundle.name,
                "stars": format_number(row.bundle.stars, self.lang),
                "stars_raw": str(row.bundle.stars),
                "bonus": format_number(row.bundle.bonus_stars, self.lang),
                "bonus_raw": str(row.bundle.bonus_stars),
                "price": format_money(row.bundle.price_cents, row.bundle.currency, self.lang),
                "price_raw": f"{row.bundle.price_cents // 100}.{row.bundle.price_cents % 100:02d}",
                "active": "yes" if row.bundle.is_active else "",
                "purchases": format_number(row.purchases, self.lang),
                "deletable": "" if row.purchases else "yes",
            }
            for row in rows
        ]

    def _fail(self, error: CasTyouError) -> EventSpec:
        self.form_error = self._t(error.code, **error.params)
        return self._error(error)

    @rx.event
    def load(self) -> EventSpec | None:
        return as_admin(self, self._reload)

    @rx.event
    def create(self, form: dict) -> EventSpec:
        """Create a bundle from the form (code, name, stars, bonus, price in dollars)."""
        self.form_error = ""
        try:
            viewer = self._require(Role.ADMIN)
            with session_scope() as db:
                bundle = admin_bundles.create_bundle(
                    session=db,
                    actor_id=viewer.id,
                    code=text_field(form, "code", 40).lower(),
                    fields=_fields(form),
                )
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._fail(error)
        return self._success("admin.bundle_created", name=bundle.name)

    @rx.event
    def start_edit(self, bundle_id: str) -> EventSpec | None:
        try:
            self._require(Role.ADMIN)
            if not isinstance(bundle_id, str) or len(bundle_id) > 32:
                raise InvalidInput("admin.unknown_bundle")
        except CasTyouError as error:
            return self._error(error)
        self.editing, self.form_error = bundle_id, ""
        return None

    @rx.event
    def save_edit(self, form: dict) -> EventSpec:
        """Save name, stars, bonus and price of the bundle being edited."""
        self.form_error = ""
        try:
            viewer = self._require(Role.ADMIN)
            with session_scope() as db:
                admin_bundles.update_bundle(
                    session=db,
                    actor_id=viewer.id,
                    bundle_id=self.editing,
                    fields=_fields(form),
                )
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._fail(error)
        self.editing = ""
        return self._success("admin.bundle_saved")

    @rx.event
    def set_active(self, bundle_id: str, active: bool) -> EventSpec:
        try:
            viewer = self._require(Role.ADMIN)
            with session_scope() as db:
                admin_bundles.set_bundle_active(
                    session=db, actor_id=viewer.id, bundle_id=str(bundle_id), active=active
                )
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return self._success("admin.bundle_activated" if active else "admin.bundle_deactivated")

    @rx.event
    def delete(self, bundle_id: str) -> EventSpec:
        try:
            viewer = self._require(Role.ADMIN)
            with session_scope() as db:
                admin_bundles.delete_bundle(
                    session=db, actor_id=viewer.id, bundle_id=str(bundle_id)
                )
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return self._success("admin.bundle_deleted")
