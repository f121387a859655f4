"""A small concierge world for the authorization matrix: one victim request, five callers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from castyou.models.concierge import ConciergeEvent, ConciergeMessage, ConciergeRequest
from castyou.models.ledger import LedgerEntry
from castyou.models.notification import Notification
from castyou.models.user import Role
from castyou.services.admin import concierge as concierge_admin
from castyou.services.concierge import requester
from tests.concierge_helpers import submit
from tests.factories import fund, login_token, make_user

VICTIM_TEXT = "Need a dog actor who can surf (victim)"
PUBLIC_REPLY = "victim public reply"
INTERNAL_NOTE = "victim internal note"
ROLES = ("anonymous", "talent", "producer", "other", "admin")


@dataclass
class World:
    tokens: dict[str, str]
    ids: dict[str, int]
    pending_id: int
    fulfilled_id: int


def build_world(db: Session) -> World:
    """``talent`` owns a PENDING request (with a thread) and a FULFILLED one."""
    users = {
        "talent": make_user(db, Role.TALENT),
        "producer": make_user(db, Role.PRODUCER),
        "other": make_user(db, Role.TALENT),
        "admin": make_user(db, Role.ADMIN),
    }
    owner, admin = users["talent"], users["admin"]
    pending = requester.submit_concierge_request(
        session=db,
        user_id=_fund(db, owner),
        type="BASIC",
        description=VICTIM_TEXT,
        idempotency_key=uuid.uuid4().hex,
    )
    fulfilled = submit(db, owner)
    concierge_admin.fulfill_concierge_request(
        session=db, actor_id=admin.id, request_id=fulfilled.id, candidates=[{"name": "Rex"}]
    )
    requester.post_message(session=db, actor_id=owner.id, request_id=pending.id, body=PUBLIC_REPLY)
    requester.post_message(
        session=db, actor_id=admin.id, request_id=pending.id, body=INTERNAL_NOTE, internal=True
    )
    for user in users.values():
        fund(db, user, 5_000)
    tokens = {"anonymous": ""} | {role: login_token(db, user) for role, user in users.items()}
    ids = {role: user.id for role, user in users.items()}
    return World(tokens, ids, pending.id, fulfilled.id)


def _fund(db: Session, user) -> int:  # type: ignore[no-untyped-def]
    fund(db, user, 5_000)
    return user.id


def snapshot(db: Session) -> tuple:
    """Everything a concierge handler could change (in a fresh read transaction)."""
    db.rollback()
    db.expire_all()
    requests = db.exec(
        select(
            ConciergeRequest.id,
            ConciergeRequest.status,
            ConciergeRequest.assignee_id,
            ConciergeRequest.admin_notes,
            ConciergeRequest.rating,
            ConciergeRequest.result,
        ).order_by(col(ConciergeRequest.id))
    ).all()
    counts = [
        db.exec(select(func.count()).select_from(model)).one()
        for model in (ConciergeMessage, ConciergeEvent, LedgerEntry, Notification)
    ]
    db.rollback()
    return (tuple(map(tuple, requests)), tuple(counts))
