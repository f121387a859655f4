"""Admin console, Audit tab: every admin action, filterable by admin, action, target, dates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services import admin_audit
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.state.admin_common import as_admin, page_after, positive_int, text_field
from castyou.state.session import SessionState

PAGE_SIZE = 25


def _date_filter(value: str, next_day: bool) -> datetime | None:
    if not value:
        return None
    try:
        day = datetime.combine(date.fromisoformat(value), time.min, tzinfo=UTC)
    except ValueError:
        raise InvalidInput("admin.invalid_date") from None
    return day + timedelta(days=1) if next_day else day


class AdminAuditState(SessionState):
    """The filtered audit log, one page at a time."""

    rows: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    total: int = 0
    page: int = 1
    _filters: admin_audit.ActionFilter = admin_audit.ActionFilter()

    @rx.var
    def has_next(self) -> bool:
        return self.page * PAGE_SIZE < self.total

    @rx.var
    def has_prev(self) -> bool:
        return self.page > 1

    def _reload(self, viewer_id: int) -> None:
        with session_scope() as db:
            found = admin_audit.list_admin_actions(
                session=db,
                acting_user_id=viewer_id,
                filters=self._filters,
                page=self.page,
                page_size=PAGE_SIZE,
            )
        self.total = found.total
        self.rows = [
            {
                "id": str(row.id),
                "date": format_datetime(row.created_at, self.lang, "short"),
                "admin": found.admin_labels.get(row.admin_id, str(row.admin_id)),
                "action": row.action,
                "target": f"{row.target_type} #{row.target_id}",
                "before": json.dumps(row.before, sort_keys=True) if row.before else "",
                "after": json.dumps(row.after, sort_keys=True) if row.after else "",
                "note": row.note,
            }
            for row in found.items
        ]

    @rx.event
    def load(self) -> EventSpec | None:
        return as_admin(self, self._reload)

    @rx.event
    def filter(self, form: dict) -> EventSpec | None:
        """Apply the filter form (admin id, action, target type/id, from/to dates)."""
        try:
            viewer = self._require(Role.ADMIN)
            admin_text = text_field(form, "admin_id", 12)
            self._filters = admin_audit.ActionFilter(
                admin_id=positive_int(admin_text) if admin_text else None,
                action=text_field(form, "action", 60) or None,
                target_type=text_field(form, "target_type", 40) or None,
                target_id=text_field(form, "target_id", 64) or None,
                since=_date_filter(text_field(form, "since", 10), next_day=False),
                until=_date_filter(text_field(form, "until", 10), next_day=True),
            )
            self.page = 1
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def turn_page(self, step: int) -> EventSpec | None:
        def turn(admin_id: int) -> None:
            self.page = page_after(self.page, step)
            self._reload(admin_id)

        return as_admin(self, turn)
