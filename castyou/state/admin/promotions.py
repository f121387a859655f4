"""Admin console, Users tab: pending promotions to ADMIN, approved by a second admin."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services.admin import promotions
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.session import SessionState


@dataclass
class PromotionRow:
    """One pending promotion; ``can_decide`` is False for its requester and its target."""

    id: int = 0
    user: str = ""
    requested_by: str = ""
    date: str = ""
    can_decide: bool = False


class AdminPromotionsState(SessionState):
    """Pending promotions to ADMIN (the service decides who may approve)."""

    promotion_rows: rx.Field[list[PromotionRow]] = rx.field(default_factory=list)

    def _reload(self, ctx: Ctx) -> None:
        views = promotions.list_pending(session=ctx.db, actor_id=ctx.viewer.id)
        self.promotion_rows = [
            PromotionRow(
                id=view.promotion.id or 0,
                user=view.user_label,
                requested_by=view.requester_label,
                date=format_datetime(view.promotion.created_at, self.lang, "short"),
                can_decide=ctx.viewer.id
                not in (view.promotion.requested_by_id, view.promotion.user_id),
            )
            for view in views
        ]

    @rx.event
    @guarded(Role.ADMIN)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._reload(ctx)
        return None

    def _decide(self, ctx: Ctx, promotion_id: object, approve: bool) -> EventSpec:
        promotions.decide_promotion(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            promotion_id=args.record_id(promotion_id),
            approve=approve,
        )
        self._reload(ctx)
        return self._success("admin.promotion_approved" if approve else "admin.promotion_rejected")

    @rx.event
    @guarded(Role.ADMIN)
    def approve_promotion(self, ctx: Ctx, promotion_id: str) -> EventSpec:
        """Approve another admin's promotion request: the user becomes an admin."""
        return self._decide(ctx, promotion_id, approve=True)

    @rx.event
    @guarded(Role.ADMIN)
    def reject_promotion(self, ctx: Ctx, promotion_id: str) -> EventSpec:
        return self._decide(ctx, promotion_id, approve=False)
