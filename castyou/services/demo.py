"""Idempotent demo data for a fresh install (``python -m castyou seed-demo``)."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session, select

from castyou.models.user import Role, User
from castyou.services import accounts
from castyou.services.payments.bundles import seed_bundles

DEMO_PASSWORD = "castyou-demo"
DEMO_USERS = (
    ("talent@demo.castyou.test", "Tala Talent", Role.TALENT),
    ("producer@demo.castyou.test", "Pedro Producer", Role.PRODUCER),
    ("admin@demo.castyou.test", "Ada Admin", Role.ADMIN),
)

# Later features append ``seed(session) -> list[str]`` steps; each must be idempotent.
EXTRA_SEEDS: list[Callable[[Session], list[str]]] = []
EXTRA_SEEDS.append(seed_bundles)


def seed_demo(*, session: Session) -> list[str]:
    """Create the demo accounts (and what features add) once; return lines to print."""
    lines = []
    for email, name, role in DEMO_USERS:
        existing = session.exec(select(User).where(User.email == email)).first()
        if existing is None:
            accounts.create_user(
                session=session, email=email, password=DEMO_PASSWORD, display_name=name, role=role
            )
        lines.append(f"{role.value:<9} {email}  password: {DEMO_PASSWORD}")
    for seed in EXTRA_SEEDS:
        lines.extend(seed(session))
    return lines


def database_is_empty(*, session: Session) -> bool:
    return session.exec(select(User.id)).first() is None


from castyou.services.casting.seed import seed_casting  # noqa: E402

EXTRA_SEEDS.append(seed_casting)
