"""Plain factory functions for test data (real rows, real services)."""

from __future__ import annotations

import itertools

from sqlmodel import Session

from castyou.models.user import Role, User
from castyou.services import accounts

PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)


def make_user(
    db: Session,
    role: Role | str = Role.TALENT,
    *,
    email: str | None = None,
    name: str | None = None,
) -> User:
    n = next(_counter)
    return accounts.create_user(
        session=db,
        email=email or f"user{n}@example.test",
        password=PASSWORD,
        display_name=name or f"User {n}",
        role=Role(role),
    )


def login_token(db: Session, user: User) -> str:
    assert user.id is not None
    return accounts.open_session(session=db, user_id=user.id)


def fund(db: Session, user: User, stars: int, key: str | None = None) -> None:
    """Give ``user`` stars through the real ledger (an admin-style grant)."""
    from castyou.services.castars import ledger

    assert user.id is not None
    ledger.grant_stars(
        session=db,
        user_id=user.id,
        amount=stars,
        reason="test funding",
        key=key or f"test-fund-{next(_counter)}",
    )
