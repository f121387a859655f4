"""Admin console, Outbox tab: every e-mail written, newest first (development mailbox)."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from castyou.models.support import EmailOutbox, EmailStatus
from castyou.services.errors import InvalidInput
from castyou.services.roles import require_admin

STATUSES = ("", *(status.value for status in EmailStatus))


def list_outbox(
    *, session: Session, actor_id: int, status: str = "", page: int = 1, size: int = 25
) -> tuple[list[EmailOutbox], int]:
    """One page of mails and the total, optionally of one status."""
    require_admin(session, actor_id)
    if status not in STATUSES:
        raise InvalidInput("admin.invalid_filter")
    query = select(EmailOutbox)
    count = select(func.count()).select_from(EmailOutbox)
    if status:
        query = query.where(EmailOutbox.status == status)
        count = count.where(EmailOutbox.status == status)
    rows = session.exec(
        query.order_by(col(EmailOutbox.id).desc()).offset((page - 1) * size).limit(size)
    )
    return list(rows), session.exec(count).one()
