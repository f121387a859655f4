"""The admin guard and the audit log every admin service writes to.

Every admin service calls :func:`require_admin` first (the role is read from the
database, never trusted from a caller) and :func:`record_admin_action` inside the
same transaction as the change, so a change and its audit row commit together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from castyou.models.admin import AdminAction
from castyou.models.user import User
from castyou.services.admin import sorting
from castyou.services.errors import InvalidInput
from castyou.services.roles import require_admin

MAX_PAGE = 100


@dataclass(frozen=True)
class ActionFilter:
    """Whitelisted filters of the audit log (all optional)."""

    admin_id: int | None = None
    action: str | None = None
    target_type: str | None = None
    target_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class ActionPage:
    items: list[AdminAction]
    total: int
    page: int
    page_size: int
    admin_labels: dict[int, str]


def record_admin_action(
    *,
    session: Session,
    admin_id: int,
    action: str,
    target_type: str,
    target_id: str | int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    note: str = "",
) -> AdminAction:
    """Append one audit row in the caller's transaction (the caller commits)."""
    row = AdminAction(
        admin_id=admin_id,
        action=action,
        target_type=target_type,
        target_id=str(target_id)[:64],
        before=before,
        after=after,
        note=(note or "")[:500],
    )
    session.add(row)
    session.flush()
    return row


def check_page(page: object, page_size: object) -> tuple[int, int]:
    """A validated (page >= 1, 1 <= page_size <= MAX_PAGE) pair, or InvalidInput."""
    for value in (page, page_size):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("admin.invalid_page")
    assert isinstance(page, int) and isinstance(page_size, int)
    if page < 1 or not 1 <= page_size <= MAX_PAGE:
        raise InvalidInput("admin.invalid_page")
    return page, page_size


SORTS: dict[str, Any] = {
    "date": col(AdminAction.id),
    "admin": col(User.email),
    "action": col(AdminAction.action),
}


def list_admin_actions(
    *,
    session: Session,
    actor_id: int,
    filters: ActionFilter,
    page: int = 1,
    page_size: int = 25,
    sort: str = "date",
    descending: bool = True,
) -> ActionPage:
    """A page of the audit log, newest first unless ``sort`` (one of :data:`SORTS`; anything
    else is refused) says otherwise, narrowed by ``filters``."""
    require_admin(session, actor_id)
    page, page_size = check_page(page, page_size)
    order = sorting.order(SORTS, sort, descending, col(AdminAction.id))
    conditions = []
    if filters.admin_id is not None:
        conditions.append(col(AdminAction.admin_id) == filters.admin_id)
    if filters.action:
        conditions.append(col(AdminAction.action) == filters.action)
    if filters.target_type:
        conditions.append(col(AdminAction.target_type) == filters.target_type)
    if filters.target_id:
        conditions.append(col(AdminAction.target_id) == filters.target_id)
    if filters.since is not None:
        conditions.append(col(AdminAction.created_at) >= filters.since)
    if filters.until is not None:
        conditions.append(col(AdminAction.created_at) < filters.until)
    total = session.exec(select(func.count()).select_from(AdminAction).where(*conditions)).one()
    rows = session.exec(
        select(AdminAction)
        .outerjoin(User, col(User.id) == col(AdminAction.admin_id))
        .where(*conditions)
        .order_by(*order)
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    ids = {row.admin_id for row in rows}
    admins = session.exec(select(User).where(col(User.id).in_(ids))).all() if ids else []
    labels = {user.id or 0: user.email for user in admins}
    return ActionPage(list(rows), total, page, page_size, labels)
