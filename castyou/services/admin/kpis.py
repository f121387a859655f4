"""Concierge KPIs and SLAs per team member over a date range.

A request counts for the admin who fulfilled it, on the day it was fulfilled.
Time to first reply runs from submission to the first public reply by anyone but
the requester, or to the fulfilment when that came first (the delivery answers).
The SLA is hit when the fulfilment came no later than the request's due time.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, func, select

from castyou.models.concierge import ConciergeEvent, ConciergeMessage, ConciergeRequest
from castyou.services.admin.stats import DateRange
from castyou.services.concierge.core import user_names
from castyou.services.roles import require_admin


@dataclass(frozen=True)
class AdminKpi:
    """One admin's figures; the medians and rates are None when nothing was handled."""

    admin_id: int
    name: str
    handled: int
    median_first_reply_s: float | None
    median_fulfil_s: float | None
    sla_hit_rate: float | None
    average_rating: float | None
    rated: int


@dataclass(frozen=True)
class KpiDay:
    day: str
    handled: int
    sla_hits: int


@dataclass(frozen=True)
class TeamKpis:
    admins: list[AdminKpi]
    days: list[KpiDay]


@dataclass(frozen=True)
class _Handled:
    admin_id: int
    request_id: int
    created_at: datetime
    fulfilled_at: datetime
    due_at: datetime
    rating: int | None


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _handled(session: Session, window: DateRange) -> list[_Handled]:
    rows = session.exec(
        select(  # type: ignore[call-overload]
            ConciergeEvent.actor_id,
            ConciergeRequest.id,
            ConciergeRequest.created_at,
            ConciergeEvent.created_at,
            ConciergeRequest.sla_due_at,
            ConciergeRequest.rating,
        )
        .join(ConciergeRequest, col(ConciergeRequest.id) == ConciergeEvent.request_id)
        .where(ConciergeEvent.kind == "fulfilled")
        .where(col(ConciergeEvent.created_at) >= window.since)
        .where(col(ConciergeEvent.created_at) < window.until)
    ).all()
    return [
        _Handled(actor, rid, _aware(created), _aware(done), _aware(due), rating)
        for actor, rid, created, done, due, rating in rows
        if actor is not None and rid is not None
    ]


def _first_replies(session: Session, handled: list[_Handled]) -> dict[int, datetime]:
    ids = [item.request_id for item in handled]
    if not ids:
        return {}
    rows = session.exec(
        select(ConciergeMessage.request_id, func.min(ConciergeMessage.created_at))
        .join(ConciergeRequest, col(ConciergeRequest.id) == ConciergeMessage.request_id)
        .where(col(ConciergeMessage.request_id).in_(ids))
        .where(col(ConciergeMessage.internal).is_(False))
        .where(col(ConciergeMessage.author_id) != ConciergeRequest.user_id)
        .group_by(col(ConciergeMessage.request_id))
    ).all()
    return {rid: _aware(first) for rid, first in rows if first is not None}


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _admin_kpi(admin_id: int, name: str, items: list[_Handled], first: dict[int, datetime]):  # type: ignore[no-untyped-def]
    replies = [
        (
            min(first.get(i.request_id, i.fulfilled_at), i.fulfilled_at) - i.created_at
        ).total_seconds()
        for i in items
    ]
    fulfils = [(i.fulfilled_at - i.created_at).total_seconds() for i in items]
    hits = sum(1 for i in items if i.fulfilled_at <= i.due_at)
    ratings = [i.rating for i in items if i.rating is not None]
    return AdminKpi(
        admin_id=admin_id,
        name=name,
        handled=len(items),
        median_first_reply_s=_median(replies),
        median_fulfil_s=_median(fulfils),
        sla_hit_rate=hits / len(items) if items else None,
        average_rating=sum(ratings) / len(ratings) if ratings else None,
        rated=len(ratings),
    )


def team_kpis(*, session: Session, actor_id: int, window: DateRange) -> TeamKpis:
    """Per-admin KPIs (most handled first) and the team's daily handled / SLA hits."""
    require_admin(session, actor_id)
    handled = _handled(session, window)
    first = _first_replies(session, handled)
    by_admin: dict[int, list[_Handled]] = defaultdict(list)
    days: dict[str, list[int]] = {day: [0, 0] for day in window.days()}
    for item in handled:
        by_admin[item.admin_id].append(item)
        day = days.setdefault(item.fulfilled_at.date().isoformat(), [0, 0])
        day[0] += 1
        day[1] += item.fulfilled_at <= item.due_at
    names = user_names(session=session, user_ids=by_admin)
    admins = [
        _admin_kpi(admin_id, names.get(admin_id, "?"), items, first)
        for admin_id, items in by_admin.items()
    ]
    admins.sort(key=lambda kpi: (-kpi.handled, kpi.name))
    return TeamKpis(admins, [KpiDay(day, n, hits) for day, (n, hits) in sorted(days.items())])
