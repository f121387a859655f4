"""/castars/store: feature cards, activation, active features and bounty grants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import reflex as rx
from reflex.event import EventSpec

from castyou.clock import utcnow
from castyou.i18n import format_number
from castyou.models.user import Role
from castyou.services import click_keys
from castyou.services.castars import ledger
from castyou.services.errors import InvalidInput
from castyou.services.store import activations, catalog
from castyou.services.store.catalog import TargetOption
from castyou.services.store.features import FEATURES, Feature, FeatureSpec
from castyou.state import args
from castyou.state.guard import Ctx, PublicCtx, guarded, public
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState

STORE_ROLES = (Role.TALENT, Role.PRODUCER)
MAX_CHOICES = 50
FEATURE_NAMES = frozenset(feature.value for feature in Feature)


@dataclass
class TargetDTO:
    """Something a feature can be used on (a job, an application, the profile)."""

    id: str = ""
    label: str = ""


@dataclass
class FeatureCardDTO:
    """A feature on sale, with its price for the viewer and where it can be used."""

    feature: str = ""
    name: str = ""
    description: str = ""
    cost: str = ""
    duration: str = ""
    short_label: str = ""
    can_afford: bool = False
    in_store: bool = True
    no_target: str = ""
    targets: list[TargetDTO] = field(default_factory=list)


@dataclass
class ActiveDTO:
    """A feature running on one of the viewer's targets."""

    name: str = ""
    target: str = ""
    remaining: str = ""


@dataclass
class ConfirmDTO:
    """What the confirm dialog shows before a spend: name, cost, balance after."""

    feature: str = ""
    name: str = ""
    cost: str = ""
    balance_after: str = ""


@dataclass
class GrantDTO:
    """A Bounty grant waiting to be used."""

    id: int = 0
    name: str = ""
    duration: str = ""
    no_target: str = ""
    targets: list[TargetDTO] = field(default_factory=list)


class StoreState(SessionState):
    """The Feature Store of a talent or producer: offers, grants, what is active."""

    cards: rx.Field[list[FeatureCardDTO]] = rx.field(default_factory=list)
    active: rx.Field[list[ActiveDTO]] = rx.field(default_factory=list)
    grants: rx.Field[list[GrantDTO]] = rx.field(default_factory=list)
    chosen: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    balance_label: rx.Field[str] = rx.field("")
    busy: rx.Field[str] = rx.field("")
    loaded: rx.Field[bool] = rx.field(False)
    confirm: rx.Field[ConfirmDTO] = rx.field(default_factory=ConfirmDTO)
    click_key: rx.Field[str] = rx.field("")

    def _duration(self, spec: FeatureSpec, hours: int | None = None) -> str:
        if hours is None and spec.duration is None:
            return self._t("store.duration.once")
        total = hours if hours is not None else int(spec.duration.total_seconds() // 3600)  # type: ignore[union-attr]
        if total % 24 == 0 and total > 48:
            return self._t("store.duration.days", days=total // 24)
        return self._t("store.duration.hours", hours=total)

    def _targets(self, options: list[TargetOption]) -> list[TargetDTO]:
        return [
            TargetDTO(str(o.id), self._t(o.label) if o.label_is_key else o.label) for o in options
        ]

    def _remaining(self, ends_at: datetime | None) -> str:
        if ends_at is None:
            return self._t("store.remaining.permanent")
        left = max(ends_at - utcnow(), timedelta(0))
        hours, minutes = int(left.total_seconds() // 3600), int(left.total_seconds() % 3600 // 60)
        return self._t("store.remaining", hours=hours, minutes=minutes)

    def _card(self, offer: catalog.Offer) -> FeatureCardDTO:
        spec = offer.spec
        return FeatureCardDTO(
            feature=spec.feature.value,
            name=self._t(spec.name_key),
            description=self._t(spec.description_key),
            cost=format_number(spec.cost, self.lang),
            duration=self._duration(spec),
            short_label=self._t(
                "store.need_more", stars=format_number(max(offer.short_by, 0), self.lang)
            ),
            can_afford=offer.short_by <= 0,
            in_store=spec.bought_in_store,
            no_target=self._t(f"store.no_target.{spec.target.value}"),
            targets=self._targets(offer.targets),
        )

    def _active(self, view: activations.ActiveView) -> ActiveDTO:
        spec = FEATURES[Feature(view.feature)]
        return ActiveDTO(
            name=self._t(spec.name_key),
            target=self._t(f"store.target.{spec.target.value}"),
            remaining=self._remaining(view.ends_at),
        )

    def _load(self, ctx: Ctx) -> None:
        db, user_id = ctx.db, ctx.viewer.id
        offers = catalog.offers_for(session=db, user_id=user_id)
        grants = catalog.grant_offers(session=db, user_id=user_id)
        active = activations.active_for_user(session=db, user_id=user_id)
        balance = ledger.get_balance(session=db, user_id=user_id).balance
        self.cards = [self._card(offer) for offer in offers]
        self.grants = [
            GrantDTO(
                g.grant_id,
                self._t(g.spec.name_key),
                self._duration(g.spec, g.hours),
                self._t(f"store.no_target.{g.spec.target.value}"),
                self._targets(g.targets),
            )
            for g in grants
        ]
        self.active = [self._active(view) for view in active]
        self.balance_label = self._t("store.balance", stars=format_number(balance, self.lang))
        self.loaded = True

    @rx.event
    @guarded(*STORE_ROLES, page_load=True)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self.confirm = ConfirmDTO()
        self.click_key = click_keys.new_key()
        self._load(ctx)
        return None

    @rx.event
    @guarded(page_load=True)
    def refresh(self, ctx: Ctx) -> None:
        """Live: reload a loaded store; other roles are left alone, silently."""
        if ctx.viewer.role in STORE_ROLES and self.loaded:
            self._load(ctx)

    @rx.event
    @public()
    def choose(self, ctx: PublicCtx, key: str, target_id: str) -> None:
        """Remember the target picked for a feature card or grant (checked on activation)."""
        key = args.text(key, max_len=40)
        if key in self.chosen or len(self.chosen) < MAX_CHOICES:
            self.chosen[key] = args.text(target_id, max_len=20)

    def _target(self, key: str, options: list[TargetDTO]) -> int:
        choice = self.chosen.get(key) or (options[0].id if len(options) == 1 else "")
        return args.record_id(choice, key="store.choose_target")

    def _store_spec(self, feature: object) -> FeatureSpec:
        spec = FEATURES[Feature(args.choice(feature, FEATURE_NAMES, key="store.unknown_feature"))]
        if not spec.bought_in_store:
            raise InvalidInput("store.unknown_feature")
        return spec

    @rx.event
    @guarded(*STORE_ROLES)
    def ask_confirm(self, ctx: Ctx, feature: str) -> None:
        """Open the confirm dialog: the registry's cost and the balance it leaves."""
        spec = self._store_spec(feature)
        balance = ledger.get_balance(session=ctx.db, user_id=ctx.viewer.id).balance
        self.confirm = ConfirmDTO(
            feature=spec.feature.value,
            name=self._t(spec.name_key),
            cost=format_number(spec.cost, self.lang),
            balance_after=format_number(balance - spec.cost, self.lang),
        )

    @rx.event
    @public()
    def close_confirm(self, ctx: PublicCtx) -> None:
        self.confirm = ConfirmDTO()

    @rx.event
    @guarded(*STORE_ROLES)
    def activate(self, ctx: Ctx, feature: str, key: str = "") -> EventSpec | None:
        """Spend on a confirmed click; ``key`` (rendered with the dialog) makes a double
        click one charge, and a new key is rendered for the next confirmed click."""
        spec = self._store_spec(feature)
        key = click_keys.check_key(key)
        card = next((c for c in self.cards if c.feature == spec.feature.value), None)
        target_id = self._target(spec.feature.value, card.targets if card else [])
        self.busy = spec.feature.value
        try:
            activations.spend_on_feature(
                session=ctx.db,
                user_id=ctx.viewer.id,
                feature=spec.feature.value,
                target_id=target_id,
                idempotency_key=key,
            )
        finally:
            self.busy = ""
        self.confirm = ConfirmDTO()
        if key == self.click_key:
            self.click_key = click_keys.new_key()
        self._load(ctx)
        return self._success("store.activated", name=self._t(spec.name_key))

    @rx.event
    @guarded(*STORE_ROLES)
    def use_grant(self, ctx: Ctx, grant_id: int) -> EventSpec | None:
        wanted = args.record_id(grant_id, key="store.unknown_feature")
        grant = next((g for g in self.grants if g.id == wanted), None)
        if grant is None:
            raise InvalidInput("store.unknown_feature")
        activations.consume_grant(
            session=ctx.db,
            user_id=ctx.viewer.id,
            grant_id=wanted,
            target_id=self._target(f"grant-{wanted}", grant.targets),
        )
        self._load(ctx)
        return self._success("store.activated", name=grant.name)


on_change("wallet", StoreState.refresh)
