"""Admin console, Outbox tab: the e-mails the app wrote, with their delivery state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services.admin.email_outbox import SORTS, STATUSES, list_outbox
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.paging import PagedList
from castyou.state.session import SessionState


@dataclass
class OutboxRow:
    id: int = 0
    recipient: str = ""
    subject: str = ""
    body: str = ""
    status: str = ""
    attempts: str = ""
    error: str = ""
    created: str = ""


class AdminOutboxState(PagedList, SessionState):
    """Newest mails first, one status or all."""

    sortable: ClassVar[tuple[str, ...]] = tuple(SORTS)
    rows: rx.Field[list[OutboxRow]] = rx.field(default_factory=list)
    status: str = ""

    def _reload(self, ctx: Ctx) -> None:
        found, self.total = list_outbox(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            status=self.status,
            page=self.page,
            size=self.page_size,
            sort=self.sort_field or "date",
            descending=self.sort_desc,
        )
        self.rows = [
            OutboxRow(
                id=row.id or 0,
                recipient=row.to_address,
                subject=row.subject,
                body=row.body,
                status=str(row.status),
                attempts=str(row.attempts),
                error=row.last_error or "",
                created=format_datetime(row.created_at, self.lang, "short"),
            )
            for row in found
        ]

    @rx.event
    @guarded(Role.ADMIN)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._first_page(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def filter(self, ctx: Ctx, form: dict) -> EventSpec | None:
        self.status = args.choice(args.form(form).get("status", ""), frozenset(STATUSES))
        self._first_page(ctx)
        return None
