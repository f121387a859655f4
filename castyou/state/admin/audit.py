"""Admin console, Audit tab: every admin action, filterable by admin, action, target, dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import ClassVar

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services.admin import audit
from castyou.services.errors import InvalidInput
from castyou.state import args
from castyou.state.admin.diff import describe_changes, humanize
from castyou.state.guard import Ctx, guarded
from castyou.state.paging import PagedList
from castyou.state.session import SessionState


@dataclass
class AuditRow:
    """One admin action as the Audit tab shows it."""

    id: int = 0
    date: str = ""
    admin: str = ""
    action: str = ""
    target: str = ""
    changes: list[str] = field(default_factory=list)
    note: str = ""


def _date_filter(value: str, next_day: bool) -> datetime | None:
    if not value:
        return None
    try:
        day = datetime.combine(date.fromisoformat(value), time.min, tzinfo=UTC)
    except ValueError:
        raise InvalidInput("admin.invalid_date") from None
    return day + timedelta(days=1) if next_day else day


class AdminAuditState(PagedList, SessionState):
    """The filtered audit log, one page at a time."""

    sortable: ClassVar[tuple[str, ...]] = tuple(audit.SORTS)
    rows: rx.Field[list[AuditRow]] = rx.field(default_factory=list)
    _filters: audit.ActionFilter = audit.ActionFilter()

    def _reload(self, ctx: Ctx) -> None:
        found = audit.list_admin_actions(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            filters=self._filters,
            page=self.page,
            page_size=self.page_size,
            sort=self.sort_field or "date",
            descending=self.sort_desc,
        )
        self.total = found.total
        self.rows = [
            AuditRow(
                id=row.id or 0,
                date=format_datetime(row.created_at, self.lang, "short"),
                admin=found.admin_labels.get(row.admin_id, str(row.admin_id)),
                action=humanize(row.action),
                target=f"{humanize(row.target_type)} #{row.target_id}",
                changes=describe_changes(row.before, row.after, self.lang)
                or [self._t("admin.diff_none")],
                note=row.note,
            )
            for row in found.items
        ]

    @rx.event
    @guarded(Role.ADMIN)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def filter(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Apply the filter form (admin id, action, target type/id, from/to dates)."""
        self._filters = audit.ActionFilter(
            admin_id=args.optional_id(args.field(form, "admin_id", max_len=12)),
            action=args.field(form, "action", max_len=60) or None,
            target_type=args.field(form, "target_type", max_len=40) or None,
            target_id=args.field(form, "target_id", max_len=64) or None,
            since=_date_filter(args.field(form, "since", max_len=10), next_day=False),
            until=_date_filter(args.field(form, "until", max_len=10), next_day=True),
        )
        self._first_page(ctx)
        return None
