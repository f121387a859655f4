"""The e-mail outbox: written with the change it reports, sent after commit, once.

``enqueue`` adds a row in the caller's transaction (so a rolled-back change sends
nothing) and, after commit, wakes a sender thread. ``deliver_due`` claims each
due row with one conditional UPDATE (PENDING → SENDING) and commits the claim
before talking to the mail server, so two senders never send the same row; a
failure puts it back to PENDING with a growing delay, and after
``MAX_ATTEMPTS`` it is FAILED for an admin to look at. A row left SENDING (the
process died mid-send) is not retried automatically: it may have gone out.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from castyou import metrics
from castyou.clock import utcnow
from castyou.db import after_commit, new_session, transaction
from castyou.i18n import normalize_lang
from castyou.models.support import EmailOutbox, EmailStatus
from castyou.models.user import User
from castyou.request_context import bound, current_request_id
from castyou.services.email import transport
from castyou.services.email.prefs import wants
from castyou.services.email.templates import render

MAX_ATTEMPTS = 5
RETRY_BASE = timedelta(seconds=30)
BATCH = 50
SWEEP_INTERVAL_S = 60.0
logger = logging.getLogger("castyou.email")
_sender_lock = threading.Lock()


def enqueue(
    session: Session, *, user_id: int, topic: str, kind: str, dedupe_key: str, **params: object
) -> EmailOutbox | None:
    """Queue a mail to ``user_id`` in their language if they opted in to ``topic``.

    Must run inside the transaction of the change; the same ``dedupe_key`` is one mail.
    """
    if not wants(session, user_id, topic):
        return None
    existing = session.exec(select(EmailOutbox).where(EmailOutbox.dedupe_key == dedupe_key)).first()
    if existing is not None:
        return existing
    user = session.get(User, user_id)
    if user is None:
        return None
    lang = normalize_lang(user.language)
    subject, body = render(kind, lang, params)
    row = EmailOutbox(
        dedupe_key=dedupe_key[:160],
        user_id=user_id,
        to_address=user.email,
        language=lang,
        kind=kind,
        subject=subject[:200],
        body=body,
        log_request_id=current_request_id(),
    )
    session.add(row)
    after_commit(session, "email.kick", kick)
    return row


def kick() -> None:
    """Send what is due in a background thread (one at a time per process)."""
    threading.Thread(target=_drain, name="castyou-email", daemon=True).start()


def _drain() -> None:
    if not _sender_lock.acquire(blocking=False):
        return
    try:
        while deliver_due() == BATCH:
            pass
    except Exception:
        logger.exception("email sender failed")
    finally:
        _sender_lock.release()


def _due_ids(session: Session, now: datetime) -> list[int]:
    return [
        row_id
        for row_id in session.exec(
            select(EmailOutbox.id)
            .where(EmailOutbox.status == EmailStatus.PENDING.value)
            .where(col(EmailOutbox.next_attempt_at) <= now)
            .order_by(col(EmailOutbox.id))
            .limit(BATCH)
        )
        if row_id is not None
    ]


def _claim(session: Session, row_id: int, now: datetime) -> EmailOutbox | None:
    # A write transaction from its BEGIN: on SQLite, upgrading a read transaction
    # to a write fails at once ("database is locked") when another writer is active.
    with transaction(session):
        claimed = session.execute(
            update(EmailOutbox)
            .where(col(EmailOutbox.id) == row_id)
            .where(col(EmailOutbox.status) == EmailStatus.PENDING.value)
            .where(col(EmailOutbox.next_attempt_at) <= now)
            .values(
                status=EmailStatus.SENDING.value,
                claimed_at=now,
                attempts=col(EmailOutbox.attempts) + 1,
            )
        )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return session.get(EmailOutbox, row_id, populate_existing=True)


def _finish(session: Session, row: EmailOutbox, now: datetime, error: Exception | None) -> None:
    if error is None:
        values: dict[str, object] = {"status": EmailStatus.SENT.value, "sent_at": now}
    elif row.attempts >= MAX_ATTEMPTS:
        values = {"status": EmailStatus.FAILED.value, "last_error": str(error)[:500]}
    else:
        delay = RETRY_BASE * (2 ** (row.attempts - 1))
        values = {
            "status": EmailStatus.PENDING.value,
            "next_attempt_at": now + delay,
            "last_error": str(error)[:500],
        }
    with transaction(session):
        session.execute(
            update(EmailOutbox)
            .where(col(EmailOutbox.id) == row.id)
            .where(col(EmailOutbox.status) == EmailStatus.SENDING.value)
            .values(**values)
        )


def deliver_due(*, now: datetime | None = None) -> int:
    """Claim and send every due mail; returns how many were claimed."""
    now = now or utcnow()
    claimed = 0
    with new_session() as session:
        for row_id in _due_ids(session, now):
            row = _claim(session, row_id, now)
            if row is None:
                continue
            claimed += 1
            with bound(row.log_request_id, row.user_id):
                try:
                    transport.deliver(row)
                except Exception as error:
                    logger.warning("email failed", extra={"outbox_id": row.id, "error": str(error)})
                    _finish(session, row, now, error)
                    metrics.email_result("failed")
                else:
                    _finish(session, row, now, None)
                    metrics.email_result("sent")
    return claimed


async def sweep_forever(interval_s: float = SWEEP_INTERVAL_S) -> None:
    """Send what became due (retries) every ``interval_s``, for the app's lifetime."""
    while True:
        await asyncio.sleep(interval_s)
        try:
            await asyncio.to_thread(deliver_due)
        except Exception:
            logger.exception("email sweep failed")
