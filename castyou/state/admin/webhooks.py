"""Admin console, Webhooks tab: Stripe deliveries with outcome and error, and replay."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services.admin import webhooks
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.paging import PagedList
from castyou.state.session import SessionState


@dataclass
class DeliveryRow:
    """One webhook delivery as the Webhooks tab shows it."""

    id: int = 0
    event: str = ""
    event_id: str = ""
    outcome: str = ""
    error: str = ""
    attempts: str = ""
    received: str = ""


class AdminWebhooksState(PagedList, SessionState):
    """Webhook deliveries with their outcome and error, one page at a time."""

    sortable: ClassVar[tuple[str, ...]] = tuple(webhooks.SORTS)
    rows: rx.Field[list[DeliveryRow]] = rx.field(default_factory=list)
    outcome: str = ""

    def _reload(self, ctx: Ctx) -> None:
        found, self.total = webhooks.page_deliveries(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            outcome=self.outcome,
            page=self.page,
            page_size=self.page_size,
            sort=self.sort_field or "received",
            descending=self.sort_desc,
        )
        self.rows = [
            DeliveryRow(
                id=row.id,
                event=row.event_type,
                event_id=row.event_id,
                outcome=row.outcome,
                error=row.error or "",
                attempts=str(row.attempts),
                received=format_datetime(row.received_at, self.lang, "short"),
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
        """Show one outcome ("" for all); a refused filter keeps the current one."""
        outcome = args.field(form, "outcome", max_len=16, key="admin.invalid_filter")
        self.outcome = args.choice(outcome, webhooks.OUTCOMES, key="admin.invalid_filter")
        self._first_page(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def replay(self, ctx: Ctx, delivery_id: str) -> EventSpec:
        """Run a stored delivery again (idempotent; recorded in the audit log)."""
        outcome = webhooks.replay(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            delivery_id=args.record_id(delivery_id, key="admin.invalid_number"),
        )
        self._reload(ctx)
        return self._success("admin.replayed", outcome=outcome.value)
