"""Per-account e-mail opt-in: concierge updates and purchase receipts (both off by default)."""

from __future__ import annotations

from sqlmodel import Session

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.support import EmailPrefs
from castyou.services.errors import InvalidInput

TOPICS = ("concierge_updates", "purchase_receipts")


def get_prefs(*, session: Session, user_id: int) -> EmailPrefs:
    """The user's choices (a default, unsaved row when they never chose)."""
    return session.get(EmailPrefs, user_id, populate_existing=True) or EmailPrefs(user_id=user_id)


def set_prefs(
    *, session: Session, user_id: int, concierge_updates: bool, purchase_receipts: bool
) -> EmailPrefs:
    """Save the user's choices (their own account only: ``user_id`` is the session's)."""
    if not isinstance(concierge_updates, bool) or not isinstance(purchase_receipts, bool):
        raise InvalidInput()
    with transaction(session):
        prefs = session.get(EmailPrefs, user_id, with_for_update=True) or EmailPrefs(
            user_id=user_id
        )
        prefs.concierge_updates = concierge_updates
        prefs.purchase_receipts = purchase_receipts
        prefs.updated_at = utcnow()
        session.add(prefs)
    return prefs


def wants(session: Session, user_id: int, topic: str) -> bool:
    prefs = session.get(EmailPrefs, user_id)
    return bool(prefs and getattr(prefs, topic))
