"""Admin console, Grants tab: grant CasTars, approve or reject big grants."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime, format_number
from castyou.models.admin import GrantStatus
from castyou.models.user import Role
from castyou.services.admin import grants
from castyou.services.errors import CasTyouError
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.session import SessionState


@dataclass
class GrantRow:
    """One grant as the Grants tab shows it."""

    id: int = 0
    user: str = ""
    amount: str = ""
    reason: str = ""
    status: str = ""
    status_label: str = ""
    requested_by: str = ""
    date: str = ""
    can_decide: bool = False


class AdminGrantsState(SessionState):
    """The grant form's last outcome and the grants list (pending first to decide)."""

    rows: rx.Field[list[GrantRow]] = rx.field(default_factory=list)
    threshold_text: str = ""
    form_error: str = ""

    def _grant_row(self, view: grants.GrantView, viewer_id: int) -> GrantRow:
        grant = view.grant
        status = GrantStatus(grant.status)
        return GrantRow(
            id=grant.id or 0,
            user=view.user_label,
            amount=format_number(grant.amount, self.lang),
            reason=grant.reason,
            status=status.value,
            status_label=self._t(f"admin.grant_status.{status.value}"),
            requested_by=view.requester_label,
            date=format_datetime(grant.created_at, self.lang, "short"),
            can_decide=status == GrantStatus.PENDING and grant.requested_by_id != viewer_id,
        )

    def _reload(self, ctx: Ctx) -> None:
        views = grants.list_grants(session=ctx.db, actor_id=ctx.viewer.id)
        self.rows = [self._grant_row(view, ctx.viewer.id) for view in views]
        self.threshold_text = self._t(
            "admin.grant_threshold",
            threshold=format_number(grants.approval_threshold(), self.lang),
        )

    @rx.event
    @guarded(Role.ADMIN)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def grant(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Grant stars to a user id; big amounts wait for a second admin."""
        self.form_error = ""
        try:
            grant = grants.request_grant(
                session=ctx.db,
                actor_id=ctx.viewer.id,
                user_id=args.record_id(args.field(form, "user_id", max_len=12)),
                amount=args.integer(
                    args.field(form, "amount", max_len=12),
                    low=grants.MIN_GRANT,
                    high=grants.MAX_GRANT,
                    key="admin.grant_invalid_amount",
                ),
                reason=args.field(form, "reason", max_len=200),
            )
        except CasTyouError as error:
            error.params = {
                name: format_number(value, self.lang) if isinstance(value, int) else value
                for name, value in error.params.items()
            }
            self.form_error = self._t(error.code, **error.params)
            raise
        self._reload(ctx)
        key = "admin.grant_pending" if grant.status == GrantStatus.PENDING else "admin.granted"
        return self._success(key, amount=format_number(grant.amount, self.lang))

    def _decide(self, ctx: Ctx, grant_id: object, approve: bool) -> EventSpec:
        grants.decide_grant(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            grant_id=args.record_id(grant_id),
            approve=approve,
        )
        self._reload(ctx)
        return self._success("admin.grant_approved" if approve else "admin.grant_rejected")

    @rx.event
    @guarded(Role.ADMIN)
    def approve(self, ctx: Ctx, grant_id: str) -> EventSpec:
        """Approve (and credit) another admin's pending grant."""
        return self._decide(ctx, grant_id, approve=True)

    @rx.event
    @guarded(Role.ADMIN)
    def reject(self, ctx: Ctx, grant_id: str) -> EventSpec:
        return self._decide(ctx, grant_id, approve=False)
