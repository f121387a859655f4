"""Admin console, Bundles tab: list, create, edit, activate/deactivate, delete unsold."""

from __future__ import annotations

import re
from dataclasses import dataclass

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_money, format_number
from castyou.models.user import Role
from castyou.services.admin import bundles as admin_bundles
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.session import SessionState

_PRICE = re.compile(r"(?P<whole>[0-9]{1,7})(?:[.,](?P<cents>[0-9]{0,2}))?")
BUNDLE_ID_MAX = 32


@dataclass
class BundleRow:
    """One bundle as the Bundles tab shows it (``*_raw`` fill the edit form)."""

    id: str = ""
    name: str = ""
    stars: str = ""
    stars_raw: str = ""
    bonus: str = ""
    bonus_raw: str = ""
    price: str = ""
    price_raw: str = ""
    active: bool = False
    purchases: str = ""
    deletable: bool = False


def _cents(form: dict) -> int:
    """The price typed as dollars ("12.99" or "12,99") in cents."""
    top = admin_bundles.MAX_BUNDLE_PRICE_CENTS
    match = _PRICE.fullmatch(args.field(form, "price", max_len=12))
    if match is None:
        raise InvalidInput("admin.bundle_invalid_price", min=1, max=top)
    cents = (match["cents"] or "").ljust(2, "0")
    return args.integer(match["whole"] + cents, low=1, high=top, key="admin.bundle_invalid_price")


def _fields(form: dict) -> admin_bundles.BundleInput:
    """The bundle form, checked in the service's order so each field keeps its message."""
    top = admin_bundles.MAX_BUNDLE_STARS
    return admin_bundles.BundleInput(
        name=args.field(
            form,
            "name",
            min_len=1,
            max_len=admin_bundles.MAX_NAME_LENGTH,
            key="admin.bundle_invalid_name",
        ),
        stars=args.integer(
            args.field(form, "stars", max_len=12),
            low=1,
            high=top,
            key="admin.bundle_invalid_stars",
        ),
        bonus_stars=args.integer(
            args.field(form, "bonus_stars", max_len=12) or "0",
            low=0,
            high=top,
            key="admin.bundle_invalid_bonus",
        ),
        price_cents=_cents(form),
    )


def _bundle_id(value: object) -> str:
    return args.text(value, max_len=BUNDLE_ID_MAX, key="admin.unknown_bundle")


class AdminBundlesState(SessionState):
    """Every bundle as display rows; ``editing`` is the bundle id the edit form changes."""

    rows: rx.Field[list[BundleRow]] = rx.field(default_factory=list)
    editing: str = ""
    form_error: str = ""

    def _reload(self, ctx: Ctx) -> None:
        found = admin_bundles.list_bundles(session=ctx.db, actor_id=ctx.viewer.id)
        self.rows = [
            BundleRow(
                id=row.bundle.id,
                name=row.bundle.name,
                stars=format_number(row.bundle.stars, self.lang),
                stars_raw=str(row.bundle.stars),
                bonus=format_number(row.bundle.bonus_stars, self.lang),
                bonus_raw=str(row.bundle.bonus_stars),
                price=format_money(row.bundle.price_cents, row.bundle.currency, self.lang),
                price_raw=f"{row.bundle.price_cents // 100}.{row.bundle.price_cents % 100:02d}",
                active=row.bundle.is_active,
                purchases=format_number(row.purchases, self.lang),
                deletable=not row.purchases,
            )
            for row in found
        ]

    def _show_form_error(self, error: CasTyouError) -> None:
        self.form_error = self._t(error.code, **error.params)

    @rx.event
    @guarded(Role.ADMIN)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def create(self, ctx: Ctx, form: dict) -> EventSpec:
        """Create a bundle from the form (code, name, stars, bonus, price in dollars)."""
        self.form_error = ""
        try:
            fields = _fields(form)
            bundle = admin_bundles.create_bundle(
                session=ctx.db,
                actor_id=ctx.viewer.id,
                code=args.field(form, "code", max_len=40, key="admin.bundle_invalid_code").lower(),
                fields=fields,
            )
        except CasTyouError as error:
            self._show_form_error(error)
            raise
        self._reload(ctx)
        return self._success("admin.bundle_created", name=bundle.name)

    @rx.event
    @guarded(Role.ADMIN)
    def start_edit(self, ctx: Ctx, bundle_id: str) -> EventSpec | None:
        self.editing, self.form_error = _bundle_id(bundle_id), ""
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def save_edit(self, ctx: Ctx, form: dict) -> EventSpec:
        """Save name, stars, bonus and price of the bundle being edited."""
        self.form_error = ""
        try:
            admin_bundles.update_bundle(
                session=ctx.db,
                actor_id=ctx.viewer.id,
                bundle_id=_bundle_id(self.editing),
                fields=_fields(form),
            )
        except CasTyouError as error:
            self._show_form_error(error)
            raise
        self._reload(ctx)
        self.editing = ""
        return self._success("admin.bundle_saved")

    @rx.event
    @guarded(Role.ADMIN)
    def set_active(self, ctx: Ctx, bundle_id: str, active: bool) -> EventSpec:
        admin_bundles.set_bundle_active(
            session=ctx.db, actor_id=ctx.viewer.id, bundle_id=_bundle_id(bundle_id), active=active
        )
        self._reload(ctx)
        return self._success("admin.bundle_activated" if active else "admin.bundle_deactivated")

    @rx.event
    @guarded(Role.ADMIN)
    def delete(self, ctx: Ctx, bundle_id: str) -> EventSpec:
        admin_bundles.delete_bundle(
            session=ctx.db, actor_id=ctx.viewer.id, bundle_id=_bundle_id(bundle_id)
        )
        self._reload(ctx)
        return self._success("admin.bundle_deleted")
