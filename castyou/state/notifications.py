"""The notification bell: unread count, the latest notifications, mark read."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_datetime, format_number
from castyou.models.notification import Notification
from castyou.services import notifications
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState

SHOWN = 20


class NotificationState(SessionState):
    unread: int = 0
    items: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)

    def _item(self, note: Notification) -> dict[str, str]:
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
        return {
            "id": str(note.id),
            "text": text,
            "link": note.link or "",
            "when": format_datetime(note.created_at, self.lang, "short"),
            "unread": "" if note.read_at else "1",
        }

    def _reload(self, user_id: int) -> None:
        with session_scope() as db:
            notes = notifications.list_notifications(session=db, user_id=user_id, limit=SHOWN)
            self.unread = notifications.unread_count(session=db, user_id=user_id)
        self.items = [self._item(note) for note in notes]

    @rx.event
    def refresh(self) -> None:
        viewer = self._viewer()
        if viewer is None:
            self.unread, self.items = 0, []
            return
        self._reload(viewer.id)

    @rx.event
    def mark_read(self, notification_id: str) -> EventSpec | None:
        """Mark one of the viewer's own notifications read."""
        try:
            viewer = self._require()
            if not isinstance(notification_id, str | int) or not str(notification_id).isdigit():
                raise InvalidInput()
            with session_scope() as db:
                notifications.mark_read(
                    session=db, user_id=viewer.id, notification_id=int(notification_id)
                )
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def mark_all_read(self) -> EventSpec | None:
        try:
            viewer = self._require()
            with session_scope() as db:
                notifications.mark_all_read(session=db, user_id=viewer.id)
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return None


on_change("user", NotificationState.refresh)
