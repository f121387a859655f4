"""/castars/store: feature cards, activation, active features and bounty grants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import reflex as rx
from reflex.event import EventSpec

from castyou.clock import utcnow
from castyou.db import session_scope
from castyou.i18n import format_number
from castyou.models.user import Role
from castyou.services.castars import ledger
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.services.store import activations, catalog
from castyou.services.store.catalog import TargetOption
from castyou.services.store.features import FEATURES, Feature, FeatureSpec, spec_for
from castyou.state.casting.dto import load_error
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState


@dataclass
class TargetDTO:
    id: str = ""
    label: str = ""


@dataclass
class FeatureCardDTO:
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
    name: str = ""
    target: str = ""
    remaining: str = ""


@dataclass
class GrantDTO:
    id: int = 0
    name: str = ""
    duration: str = ""
    no_target: str = ""
    targets: list[TargetDTO] = field(default_factory=list)


class StoreState(SessionState):
    cards: rx.Field[list[FeatureCardDTO]] = rx.field(default_factory=list)
    active: rx.Field[list[ActiveDTO]] = rx.field(default_factory=list)
    grants: rx.Field[list[GrantDTO]] = rx.field(default_factory=list)
    chosen: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    balance_label: rx.Field[str] = rx.field("")
    busy: rx.Field[str] = rx.field("")
    loaded: rx.Field[bool] = rx.field(False)

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

    def _load(self, user_id: int) -> None:
        with session_scope() as db:
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
    def load(self) -> EventSpec | None:
        try:
            viewer = self._require(Role.TALENT, Role.PRODUCER)
        except CasTyouError as error:
            return load_error(self, error)
        self._load(viewer.id)
        return None

    @rx.event
    def refresh(self) -> None:
        viewer = self._viewer()
        if viewer is not None and viewer.role in (Role.TALENT, Role.PRODUCER) and self.loaded:
            self._load(viewer.id)

    @rx.event
    def choose(self, key: str, target_id: str) -> None:
        ok = isinstance(key, str) and isinstance(target_id, str) and len(key) <= 40
        if ok and (key in self.chosen or len(self.chosen) < 50):
            self.chosen[key] = target_id[:20]

    def _target(self, key: str, options: list[TargetDTO]) -> int:
        choice = self.chosen.get(key) or (options[0].id if len(options) == 1 else "")
        if not choice.isdigit():
            raise InvalidInput("store.choose_target")
        return int(choice)

    @rx.event
    def activate(self, feature: str) -> EventSpec | None:
        spec = spec_for(feature) if isinstance(feature, str) else None
        try:
            viewer = self._require(Role.TALENT, Role.PRODUCER)
            if spec is None or not spec.bought_in_store:
                raise InvalidInput("store.unknown_feature")
            card = next((c for c in self.cards if c.feature == spec.feature.value), None)
            target_id = self._target(feature, card.targets if card else [])
            self.busy = feature
            with session_scope() as db:
                activations.spend_on_feature(
                    session=db, user_id=viewer.id, feature=feature, target_id=target_id
                )
        except CasTyouError as error:
            self.busy = ""
            return self._error(error)
        self.busy = ""
        self._load(viewer.id)
        return self._success("store.activated", name=self._t(spec.name_key))

    @rx.event
    def use_grant(self, grant_id: int) -> EventSpec | None:
        try:
            viewer = self._require(Role.TALENT, Role.PRODUCER)
            grant = next((g for g in self.grants if g.id == grant_id), None)
            if grant is None or not isinstance(grant_id, int):
                raise InvalidInput("store.unknown_feature")
            target_id = self._target(f"grant-{grant_id}", grant.targets)
            with session_scope() as db:
                activations.consume_grant(
                    session=db, user_id=viewer.id, grant_id=grant_id, target_id=target_id
                )
        except CasTyouError as error:
            return self._error(error)
        self._load(viewer.id)
        return self._success("store.activated", name=grant.name)


on_change("user", StoreState.refresh)
