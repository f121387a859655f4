"""Postings that are a whole transaction by themselves: the fast path.

A REST award, a webhook credit or a lone spend needs no ORM unit of work: each runs
its prebuilt statements (:mod:`postings`) on a pooled Core connection in one short
write transaction (:func:`castyou.db.write_tx`). What follows a posting is the same
as for any other (the ledger's ``on_posted`` listeners run before the commit, their
after-commit work after it, outside the SQLite write queue).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine

from castyou import metrics
from castyou.clock import utcnow
from castyou.db import WriteTx, write_tx
from castyou.models.ledger import Source
from castyou.services.castars import ledger, postings
from castyou.services.castars.postings import Posted


def post_in(
    tx: WriteTx,
    *,
    user_id: int,
    delta: int,
    source: Source,
    reason: str,
    ref_id: str | None = None,
    idem_key: str | None = None,
    lifetime: int = 0,
    created_at: datetime | None = None,
) -> Posted:
    """One posting inside ``tx``, then its listeners (a ``lifetime`` change is never negative)."""
    values = postings.params(
        user_id=user_id,
        delta=delta,
        lifetime=lifetime,
        source=source.value,
        reason=reason,
        ref_id=ref_id,
        idem_key=idem_key,
        created_at=created_at or utcnow(),
    )
    posted = postings.post(tx.conn, values, tx.driver)
    if posted.created:
        metrics.count_posting(tx.hooks, source.value)
        ledger.posted_listeners(tx.hooks, user_id, posted.lifetime_before, posted.lifetime_after)
    return posted


def spend(
    *,
    user_id: int,
    amount: int,
    reason: str,
    ref_id: str | None = None,
    engine: Engine | None = None,
) -> Posted:
    """Debit ``amount`` (SPENT) in its own transaction; InsufficientBalance changes nothing."""
    amount = ledger.check_amount(amount)
    with write_tx(engine) as tx:
        return post_in(
            tx, user_id=user_id, delta=-amount, source=Source.SPENT, reason=reason, ref_id=ref_id
        )


def earn(
    *,
    user_id: int,
    stars: int,
    reason: str,
    ref_id: str,
    idem_key: str,
    created_at: datetime | None = None,
    engine: Engine | None = None,
) -> Posted:
    """Credit earned stars (EARNED) once per ``idem_key``, in its own transaction."""
    stars = ledger.check_amount(stars)
    with write_tx(engine) as tx:
        return post_in(
            tx,
            user_id=user_id,
            delta=stars,
            source=Source.EARNED,
            reason=reason,
            ref_id=ref_id[:64],
            idem_key=idem_key,
            lifetime=stars,
            created_at=created_at,
        )
