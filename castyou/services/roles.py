"""Role checks services make themselves: the role is read from the database on every call."""

from __future__ import annotations

from sqlmodel import Session

from castyou.models.user import Role, User
from castyou.services.errors import NotAllowed, NotAuthenticated


def require_admin(session: Session, actor_id: int | None) -> User:
    """The acting user if they are an admin right now; NotAllowed otherwise."""
    if actor_id is None:
        raise NotAuthenticated()
    user = session.get(User, actor_id, populate_existing=True)
    if user is None or Role(user.role) != Role.ADMIN:
        raise NotAllowed()
    return user


def is_admin(session: Session, user_id: int) -> bool:
    user = session.get(User, user_id)
    return user is not None and Role(user.role) == Role.ADMIN
