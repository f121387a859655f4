"""Idempotent demo data for a fresh install (``python -m castyou seed-demo``)."""

from __future__ import annotations

from sqlmodel import Session, select

from castyou.models.user import Role, User
from castyou.services import accounts
from castyou.services.casting.seed import seed_casting
from castyou.services.payments.bundles import seed_bundles

DEMO_PASSWORD = "castyou-demo"
DEMO_USERS = (
    ("talent@demo.castyou.test", "Tala Talent", Role.TALENT),
    ("producer@demo.castyou.test", "Pedro Producer", Role.PRODUCER),
    ("admin@demo.castyou.test", "Ada Admin", Role.ADMIN),
)

# Each step is idempotent and returns lines to print.
SEED_STEPS = (seed_bundles, seed_casting)


def seed_demo(*, session: Session) -> list[str]:
    """Create the demo accounts, bundles and casting data once; return lines to print."""
    lines = []
    for email, name, role in DEMO_USERS:
        existing = session.exec(select(User).where(User.email == email)).first()
        if existing is None:
            accounts.create_user(
                session=session, email=email, password=DEMO_PASSWORD, display_name=name, role=role
            )
        lines.append(f"{role.value:<9} {email}  password: {DEMO_PASSWORD}")
    for seed in SEED_STEPS:
        lines.extend(seed(session))
    return lines


def database_is_empty(*, session: Session) -> bool:
    return session.exec(select(User.id)).first() is None
