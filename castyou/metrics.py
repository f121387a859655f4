"""Prometheus metrics: webhook outcomes, ledger postings, concierge queue, request latency.

Counters live in this process (one registry); the concierge queue sizes are read
from the database at scrape time. Ledger postings are counted when their
transaction commits (an SQLAlchemy session hook for ORM postings, a commit hook via
:func:`count_posting` for the standalone fast path), so a rolled-back posting never
counts, and the ledger itself stays free of metrics code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import func, select

from castyou.models.concierge import ConciergeRequest, ConciergeStatus
from castyou.models.ledger import LedgerEntry

REGISTRY = CollectorRegistry(auto_describe=True)
WEBHOOKS = Counter(
    "castyou_webhook_deliveries",
    "Stripe webhook deliveries by outcome (INVALID: refused signature or payload).",
    ["outcome", "duplicate"],
    registry=REGISTRY,
)
POSTINGS = Counter(
    "castyou_ledger_postings",
    "Committed CasTars ledger entries by source.",
    ["source"],
    registry=REGISTRY,
)
EMAILS = Counter("castyou_emails", "E-mail send attempts by result.", ["result"], registry=REGISTRY)
LATENCY = Histogram(
    "castyou_http_request_duration_seconds",
    "HTTP request latency by method, route group and status class.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
_PENDING = "metrics_postings"


def webhook_outcome(outcome: str, duplicate: bool = False) -> None:
    WEBHOOKS.labels(outcome=outcome, duplicate=str(duplicate).lower()).inc()


def email_result(result: str) -> None:
    EMAILS.labels(result=result).inc()


class _QueueCollector(Collector):
    """Concierge requests by status, counted when scraped."""

    def describe(self) -> Iterator[GaugeMetricFamily]:
        """Named without touching the database (registration must not need one)."""
        yield self._family()

    @staticmethod
    def _family() -> GaugeMetricFamily:
        return GaugeMetricFamily(
            "castyou_concierge_requests", "Concierge requests by status.", labels=["status"]
        )

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from castyou.db import session_scope

        gauge = self._family()
        with session_scope() as db:
            counts = dict(
                db.exec(
                    select(ConciergeRequest.status, func.count()).group_by(ConciergeRequest.status)
                ).all()
            )
        for status in ConciergeStatus:
            gauge.add_metric([status.value], counts.get(status.value, 0))
        yield gauge


REGISTRY.register(_QueueCollector())


@event.listens_for(OrmSession, "after_flush")
def _remember_postings(session: OrmSession, _context: Any) -> None:
    sources = [str(obj.source) for obj in session.new if isinstance(obj, LedgerEntry)]
    if sources:
        session.info.setdefault(_PENDING, []).extend(sources)


@event.listens_for(OrmSession, "after_commit")
def _count_postings(session: OrmSession) -> None:
    for source in session.info.pop(_PENDING, []):
        POSTINGS.labels(source=source).inc()


@event.listens_for(OrmSession, "after_soft_rollback")
def _forget_postings(session: OrmSession, _previous: Any) -> None:
    session.info.pop(_PENDING, None)


def count_posting(session: OrmSession, source: str) -> None:
    """Count a posting made on a standalone transaction once that transaction commits."""
    from castyou.db import after_commit, tx_data

    pending: list[str] = tx_data(session, _PENDING, list)  # type: ignore[arg-type]
    pending.append(source)
    after_commit(session, _PENDING, lambda: _count(pending))  # type: ignore[arg-type]


_POSTINGS_BY_SOURCE: dict[str, Any] = {}


def _count(sources: list[str]) -> None:
    for source in sources:
        counter = _POSTINGS_BY_SOURCE.get(source)
        if counter is None:
            counter = _POSTINGS_BY_SOURCE[source] = POSTINGS.labels(source=source)
        counter.inc()


def render() -> bytes:
    """The text exposition of every metric."""
    return generate_latest(REGISTRY)
