"""Admin console, Outbox tab: every e-mail written, newest first (development mailbox)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, func, select

from castyou.models.support import EmailOutbox, EmailStatus
from castyou.services.admin import sorting
from castyou.services.errors import InvalidInput
from castyou.services.roles import require_admin

STATUSES = ("", *(status.value for status in EmailStatus))
SORTS: dict[str, Any] = {
    "date": col(EmailOutbox.id),
    "status": col(EmailOutbox.status),
    "attempts": col(EmailOutbox.attempts),
}


def list_outbox(
    *,
    session: Session,
    actor_id: int,
    status: str = "",
    page: int = 1,
    size: int = 25,
    sort: str = "date",
    descending: bool = True,
) -> tuple[list[EmailOutbox], int]:
    """One page of mails and the total, optionally of one status; newest first unless
    ``sort`` (one of :data:`SORTS`; anything else is refused) says otherwise."""
    require_admin(session, actor_id)
    if status not in STATUSES:
        raise InvalidInput("admin.invalid_filter")
    order = sorting.order(SORTS, sort, descending, col(EmailOutbox.id))
    query = select(EmailOutbox)
    count = select(func.count()).select_from(EmailOutbox)
    if status:
        query = query.where(EmailOutbox.status == status)
        count = count.where(EmailOutbox.status == status)
    rows = session.exec(query.order_by(*order).offset((page - 1) * size).limit(size))
    return list(rows), session.exec(count).one()
