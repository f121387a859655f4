"""Admin view of features in effect (boosts, featured jobs, ...) and revoking them.

Revoking ends every current and queued segment of that feature for the user at
once, through the store's own ``revoke``; the audit row keeps what was active.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from castyou.db import transaction
from castyou.models.store import ActiveFeature
from castyou.models.user import User
from castyou.services.admin import sorting
from castyou.services.admin.audit import check_page, record_admin_action
from castyou.services.errors import InvalidInput, NotFound
from castyou.services.roles import require_admin
from castyou.services.store import activations
from castyou.services.store.features import spec_for

MAX_ROWS = 200
_NO_END = datetime(9999, 12, 31, tzinfo=UTC)
SORTS: dict[str, Any] = {
    "email": col(User.email),
    "feature": col(ActiveFeature.feature),
    "ends": func.coalesce(col(ActiveFeature.ends_at), _NO_END),
}


@dataclass(frozen=True)
class BoostRow:
    id: int
    user_id: int
    email: str
    feature: str
    target_type: str
    target_id: int
    ends_at: datetime | None
    source: str


def _boost_rows(session: Session, rows: list[ActiveFeature]) -> list[BoostRow]:
    ids = {row.user_id for row in rows}
    users = session.exec(select(User).where(col(User.id).in_(ids))).all() if ids else []
    emails = {user.id: user.email for user in users}
    return [
        BoostRow(
            id=row.id or 0,
            user_id=row.user_id,
            email=emails.get(row.user_id, ""),
            feature=row.feature,
            target_type=row.target_type,
            target_id=row.target_id,
            ends_at=row.ends_at,
            source=str(row.source),
        )
        for row in rows
    ]


def list_active_boosts(
    *, session: Session, actor_id: int, feature: str = "", user_id: int | None = None
) -> list[BoostRow]:
    """Activations in effect now, newest first, optionally one feature type and/or user."""
    require_admin(session, actor_id)
    if feature and spec_for(feature) is None:
        raise InvalidInput("admin.invalid_filter")
    rows = activations.list_active(session=session, feature=feature or None, first=MAX_ROWS)
    if user_id is not None:
        rows = [row for row in rows if row.user_id == user_id]
    return _boost_rows(session, rows)


def page_active_boosts(
    *,
    session: Session,
    actor_id: int,
    feature: str = "",
    page: int = 1,
    page_size: int = 25,
    sort: str = "ends",
    descending: bool = False,
) -> tuple[list[BoostRow], int]:
    """One page of activations in effect now and how many there are; ending soonest first
    unless ``sort`` (one of :data:`SORTS`; anything else is refused) says otherwise."""
    require_admin(session, actor_id)
    page, page_size = check_page(page, page_size)
    if feature and spec_for(feature) is None:
        raise InvalidInput("admin.invalid_filter")
    order = sorting.order(SORTS, sort, descending, col(ActiveFeature.id))
    rows = activations.list_active(
        session=session,
        feature=feature or None,
        first=page_size,
        offset=(page - 1) * page_size,
        order=order,
    )
    return _boost_rows(session, rows), activations.count_active(
        session=session, feature=feature or None
    )


def revoke_boost(*, session: Session, actor_id: int, activation_id: int) -> int:
    """End the feature of this activation for its user now; returns the segments revoked."""
    with transaction(session):
        require_admin(session, actor_id)
        activation = session.get(ActiveFeature, activation_id)
        if activation is None:
            raise NotFound("admin.unknown_boost")
        revoked = activations.revoke(
            session=session, user_id=activation.user_id, feature=activation.feature
        )
        record_admin_action(
            session=session,
            admin_id=actor_id,
            action="boost.revoked",
            target_type="user",
            target_id=activation.user_id,
            before={
                "feature": activation.feature,
                "target_type": activation.target_type,
                "target_id": activation.target_id,
                "ends_at": activation.ends_at.isoformat() if activation.ends_at else None,
            },
            after={"revoked_segments": revoked},
        )
    return revoked
