"""The notification bell: unread count, the latest notifications, mark read."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime, format_number
from castyou.models.notification import Notification
from castyou.services import notifications
from castyou.state import args
from castyou.state.guard import Ctx, PublicCtx, guarded, public
from castyou.state.live_registry import on_change, show_everywhere
from castyou.state.session import SessionState

SHOWN = 20


@dataclass
class NotificationRow:
    """One notification as the bell lists it."""

    id: int = 0
    text: str = ""
    link: str = ""
    when: str = ""
    unread: bool = False


class NotificationState(SessionState):
    """The viewer's unread count and latest notifications (empty for anonymous visitors)."""

    unread: int = 0
    items: rx.Field[list[NotificationRow]] = rx.field(default_factory=list)

    def _item(self, note: Notification) -> NotificationRow:
        params = {
            key: format_number(value, self.lang)
            if isinstance(value, int) and not isinstance(value, bool)
            else value
            for key, value in (note.params or {}).items()
        }
        try:
            text = self._t(f"notification.{note.kind}", **params)
        except (KeyError, IndexError, ValueError):
            text = self._t(f"notification.{note.kind}")
        return NotificationRow(
            id=note.id or 0,
            text=text,
            link=note.link or "",
            when=format_datetime(note.created_at, self.lang, "short"),
            unread=note.read_at is None,
        )

    def _reload(self, ctx: Ctx) -> None:
        user_id = ctx.viewer.id
        notes = notifications.list_notifications(session=ctx.db, user_id=user_id, limit=SHOWN)
        self.unread = notifications.unread_count(session=ctx.db, user_id=user_id)
        self.items = [self._item(note) for note in notes]

    @rx.event
    @public()
    def refresh(self, ctx: PublicCtx) -> None:
        if ctx.viewer is None:
            self.unread, self.items = 0, []
            return
        self._reload(Ctx(ctx.viewer, ctx.db))

    @rx.event
    @guarded()
    def mark_read(self, ctx: Ctx, notification_id: int) -> EventSpec | None:
        """Mark one of the viewer's own notifications read."""
        notifications.mark_read(
            session=ctx.db, user_id=ctx.viewer.id, notification_id=args.record_id(notification_id)
        )
        self._reload(ctx)
        return None

    @rx.event
    @guarded()
    def mark_all_read(self, ctx: Ctx) -> EventSpec | None:
        notifications.mark_all_read(session=ctx.db, user_id=ctx.viewer.id)
        self._reload(ctx)
        return None


on_change("notifications", NotificationState.refresh)
show_everywhere(NotificationState)
