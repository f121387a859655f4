"""Shared arrangements for the concierge tests."""

from __future__ import annotations

import itertools
import uuid

from sqlmodel import Session, col, select

from castyou.models.concierge import ConciergeEvent, ConciergeRequest
from castyou.models.ledger import LedgerEntry
from castyou.models.user import User
from castyou.services.concierge import requester
from castyou.services.concierge.tiers import CONCIERGE_TIERS, ConciergeType
from tests.factories import fund

_seq = itertools.count(1)


def new_key() -> str:
    return uuid.uuid4().hex


def submit(
    db: Session, user: User, type_: ConciergeType = ConciergeType.BASIC, *, funded: bool = True
) -> ConciergeRequest:
    """A submitted request, funding the user with exactly its cost first."""
    assert user.id is not None
    if funded:
        fund(db, user, CONCIERGE_TIERS[type_].stars_cost)
    return requester.submit_concierge_request(
        session=db,
        user_id=user.id,
        type=type_.value,
        description=f"Need a dog actor number {next(_seq)}",
        idempotency_key=new_key(),
    )


def entries(db: Session, user_id: int) -> list[LedgerEntry]:
    db.expire_all()
    return list(
        db.exec(
            select(LedgerEntry).where(LedgerEntry.user_id == user_id).order_by(col(LedgerEntry.id))
        )
    )


def events(db: Session, request_id: int) -> list[ConciergeEvent]:
    return list(
        db.exec(
            select(ConciergeEvent)
            .where(ConciergeEvent.request_id == request_id)
            .order_by(col(ConciergeEvent.id))
        )
    )
