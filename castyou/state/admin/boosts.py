"""Admin console, Boosts tab: features in effect now, and revoking one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services.admin import boosts
from castyou.services.errors import InvalidInput
from castyou.services.store.features import spec_for
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.paging import PagedList
from castyou.state.session import SessionState


@dataclass
class BoostRow:
    """One activation in effect as the Boosts tab shows it."""

    id: int = 0
    email: str = ""
    feature: str = ""
    target: str = ""
    ends: str = ""
    source: str = ""


class AdminBoostsState(PagedList, SessionState):
    """Activations in effect now, optionally one feature type, one page at a time."""

    sortable: ClassVar[tuple[str, ...]] = tuple(boosts.SORTS)
    rows: rx.Field[list[BoostRow]] = rx.field(default_factory=list)
    feature: str = ""

    def _reload(self, ctx: Ctx) -> None:
        found, self.total = boosts.page_active_boosts(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            feature=self.feature,
            page=self.page,
            page_size=self.page_size,
            sort=self.sort_field or "ends",
            descending=self.sort_desc if self.sort_field else False,
        )
        self.rows = [
            BoostRow(
                id=row.id,
                email=row.email,
                feature=self._t(f"store.feature.{row.feature}.name"),
                target=f"{row.target_type} #{row.target_id}",
                ends=format_datetime(row.ends_at, self.lang, "short")
                if row.ends_at
                else self._t("admin.no_end"),
                source=row.source,
            )
            for row in found
        ]

    @rx.event
    @guarded(Role.ADMIN)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def filter(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Show one feature type ("" for all); a refused filter keeps the current one."""
        feature = args.field(form, "feature", max_len=32, key="admin.invalid_filter")
        if feature and spec_for(feature) is None:
            raise InvalidInput("admin.invalid_filter")
        self.feature = feature
        self._first_page(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def revoke(self, ctx: Ctx, activation_id: str) -> EventSpec:
        """End this feature for its user at once (recorded in the audit log)."""
        boosts.revoke_boost(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            activation_id=args.record_id(activation_id, key="admin.invalid_number"),
        )
        self._reload(ctx)
        return self._success("admin.boost_revoked")
