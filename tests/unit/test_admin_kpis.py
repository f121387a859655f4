"""Concierge KPIs per admin against a hand-computed scenario."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, col

from castyou.models.concierge import ConciergeEvent, ConciergeMessage, ConciergeRequest
from castyou.models.user import Role, User
from castyou.services.admin import concierge as admin_concierge
from castyou.services.admin.kpis import team_kpis
from castyou.services.admin.stats import DateRange
from castyou.services.concierge import requester
from castyou.services.concierge.tiers import ConciergeType
from castyou.services.errors import NotAllowed
from tests.concierge_helpers import submit
from tests.factories import make_user

T0 = datetime(2026, 11, 10, 8, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
CANDIDATE = [{"name": "Rex", "link": "https://example.test/rex"}]


def _at(db: Session, model, row_id: int, **values) -> None:  # type: ignore[no-untyped-def]
    db.execute(update(model).where(col(model.id) == row_id).values(**values))
    db.commit()


def _handle(
    db: Session,
    user: User,
    admin: User,
    *,
    type_: ConciergeType,
    sla_h: int,
    reply_h: float | None,
    done_h: float,
    rating: int | None = None,
) -> int:
    request = submit(db, user, type_)
    _at(db, ConciergeRequest, request.id, created_at=T0, sla_due_at=T0 + sla_h * HOUR)
    requester.post_message(session=db, actor_id=user.id, request_id=request.id, body="Any news?")
    if reply_h is not None:
        reply = requester.post_message(
            session=db, actor_id=admin.id, request_id=request.id, body="On it"
        )
        _at(db, ConciergeMessage, reply.id, created_at=T0 + reply_h * HOUR)
    admin_concierge.fulfill_concierge_request(
        session=db, actor_id=admin.id, request_id=request.id, candidates=CANDIDATE
    )
    event = db.exec(
        ConciergeEvent.__table__.select().where(  # type: ignore[attr-defined]
            ConciergeEvent.request_id == request.id, ConciergeEvent.kind == "fulfilled"
        )
    ).one()
    _at(db, ConciergeEvent, event.id, created_at=T0 + done_h * HOUR)
    if rating:
        requester.rate_request(session=db, user_id=user.id, request_id=request.id, rating=rating)
    return request.id


def test_kpis_match_the_hand_computed_figures(db: Session) -> None:
    user = make_user(db)
    ann = make_user(db, Role.ADMIN, name="Ann")
    bob = make_user(db, Role.ADMIN, name="Bob")
    basic, urgent = ConciergeType.BASIC, ConciergeType.URGENT
    _handle(db, user, ann, type_=basic, sla_h=72, reply_h=1, done_h=10, rating=5)
    _handle(db, user, ann, type_=urgent, sla_h=24, reply_h=None, done_h=30, rating=2)
    _handle(db, user, bob, type_=basic, sla_h=72, reply_h=2, done_h=4)
    _handle(db, user, ann, type_=basic, sla_h=72, reply_h=1, done_h=24 * 9)  # outside the range
    window = DateRange(date(2026, 11, 10), date(2026, 11, 12))
    kpis = team_kpis(session=db, actor_id=ann.id, window=window)
    first, second = kpis.admins
    assert (first.name, first.handled, second.name, second.handled) == ("Ann", 2, "Bob", 1)
    # Ann: first replies 1 h and 30 h (no reply: the fulfilment), fulfils 10 h and 30 h.
    assert first.median_first_reply_s == 15.5 * 3600
    assert first.median_fulfil_s == 20 * 3600
    assert first.sla_hit_rate == 0.5
    assert (first.average_rating, first.rated) == (3.5, 2)
    # Bob: the requester's own message does not count as a reply.
    assert second.median_first_reply_s == 2 * 3600
    assert second.median_fulfil_s == 4 * 3600
    assert (second.sla_hit_rate, second.average_rating) == (1.0, None)
    assert [(d.day, d.handled, d.sla_hits) for d in kpis.days] == [
        ("2026-11-10", 2, 2),
        ("2026-11-11", 1, 0),
        ("2026-11-12", 0, 0),
    ]


def test_only_admins_see_kpis(db: Session) -> None:
    user = make_user(db)
    with pytest.raises(NotAllowed):
        team_kpis(session=db, actor_id=user.id, window=DateRange(date.today(), date.today()))
