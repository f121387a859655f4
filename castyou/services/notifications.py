"""In-app notifications: created inside the transaction of what they announce."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, text, update
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.notification import Notification
from castyou.services import live
from castyou.services.errors import NotFound


def notify(
    *,
    session: Session,
    user_id: int,
    kind: str,
    params: dict[str, Any] | None = None,
    link: str | None = None,
    dedupe_key: str | None = None,
) -> Notification | None:
    """Create a notification (once per ``dedupe_key``) and push it to open pages."""
    with transaction(session):
        if dedupe_key is not None:
            existing = session.exec(
                select(Notification).where(Notification.dedupe_key == dedupe_key)
            ).first()
            if existing is not None:
                return None
        note = Notification(
            user_id=user_id, kind=kind, params=params or {}, link=link, dedupe_key=dedupe_key
        )
        session.add(note)
        session.flush()
        live.announce(session, live.notifications(user_id))
    return note


_INSERT_ONCE = text(
    "INSERT INTO notifications (user_id, kind, params, link, dedupe_key, created_at)"
    " VALUES (:user_id, :kind, :params, :link, :dedupe_key, :created_at)"
    " ON CONFLICT (dedupe_key) DO NOTHING"
).bindparams(
    bindparam("params", type_=Notification.__table__.c.params.type),  # type: ignore[attr-defined]
    bindparam("created_at", type_=Notification.__table__.c.created_at.type),  # type: ignore[attr-defined]
)


def notify_once(
    *,
    session: Session,
    user_id: int,
    kind: str,
    params: dict[str, Any],
    link: str | None,
    dedupe_key: str,
) -> None:
    """:func:`notify` for the hot paths: one prebuilt INSERT, a repeat of the key is a no-op."""
    with transaction(session):
        session.connection().execute(
            _INSERT_ONCE,
            {
                "user_id": user_id,
                "kind": kind,
                "params": params,
                "link": link,
                "dedupe_key": dedupe_key,
                "created_at": utcnow(),
            },
        )
        live.announce(session, live.notifications(user_id))


def list_notifications(*, session: Session, user_id: int, limit: int = 20) -> list[Notification]:
    """The newest notifications of ``user_id``."""
    limit = max(1, min(limit, 100))
    return list(
        session.exec(
            select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(col(Notification.id).desc())
            .limit(limit)
        )
    )


def unread_count(*, session: Session, user_id: int) -> int:
    return session.exec(
        select(func.count()).where(
            Notification.user_id == user_id, col(Notification.read_at).is_(None)
        )
    ).one()


def mark_read(*, session: Session, user_id: int, notification_id: int) -> None:
    """Mark one of the user's own notifications read (others' are not found)."""
    with transaction(session):
        note = session.get(Notification, notification_id)
        if note is None or note.user_id != user_id:
            raise NotFound()
        if note.read_at is None:
            note.read_at = utcnow()
            session.add(note)
            live.announce(session, live.notifications(user_id))


def mark_all_read(*, session: Session, user_id: int) -> None:
    with transaction(session):
        session.execute(
            update(Notification)
            .where(col(Notification.user_id) == user_id, col(Notification.read_at).is_(None))
            .values(read_at=utcnow())
        )
        live.announce(session, live.notifications(user_id))
