"""E-mail: opt-in, the user's language, sent after commit through real SMTP, exactly once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from sqlmodel import Session, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.support import EmailOutbox
from castyou.models.user import Role, User
from castyou.request_context import bound
from castyou.services.admin import concierge as admin_concierge
from castyou.services.concierge import requester
from castyou.services.email import outbox
from castyou.services.email.prefs import set_prefs
from castyou.services.payments import webhooks
from castyou.settings import get_settings
from tests.concierge_helpers import submit
from tests.factories import make_user
from tests.payment_helpers import open_purchase, payment_event, secret, signed
from tests.smtp_server import Mailbox, running_smtp


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """A real SMTP server behind SMTP_URL; sending happens when the test says so."""
    monkeypatch.setattr(outbox, "kick", lambda: None)
    with running_smtp() as (mailbox, url):
        monkeypatch.setenv("SMTP_URL", url)
        get_settings.cache_clear()
        yield mailbox
    get_settings.cache_clear()


def _opted_in(db: Session, language: str = "en", **prefs: bool) -> User:
    user = make_user(db)
    user.language = language
    db.add(user)
    db.commit()
    choice = {"concierge_updates": True, "purchase_receipts": True, **prefs}
    set_prefs(session=db, user_id=user.id, **choice)
    return user


def _subject(message) -> str:  # type: ignore[no-untyped-def]
    return str(make_header(decode_header(message["Subject"])))


def _rows(db: Session) -> list[EmailOutbox]:
    db.rollback()  # a fresh snapshot: the sender committed on its own connection
    return list(db.exec(select(EmailOutbox).order_by(EmailOutbox.id)))


def test_status_change_mails_the_requester_in_their_language(db: Session, smtp: Mailbox) -> None:
    user, admin = _opted_in(db, "pt"), make_user(db, Role.ADMIN)
    request = submit(db, user)
    with bound("req-test-1234"):
        admin_concierge.update_concierge_status(
            session=db, actor_id=admin.id, request_id=request.id, status="IN_PROGRESS"
        )
    assert outbox.deliver_due() == 1
    ((recipients, message),) = smtp.received
    assert recipients == [user.email]
    assert _subject(message) == f"Seu pedido de concierge #{request.id} agora está: Em andamento"
    assert message["X-Request-ID"] == "req-test-1234"
    assert message["Content-Language"] == "pt"


def test_replies_and_fulfilment_are_mailed_but_internal_notes_are_not(
    db: Session, smtp: Mailbox
) -> None:
    user, admin = _opted_in(db, "es"), make_user(db, Role.ADMIN)
    request = submit(db, user)
    requester.post_message(session=db, actor_id=admin.id, request_id=request.id, body="Hola!")
    requester.post_message(
        session=db, actor_id=admin.id, request_id=request.id, body="secret", internal=True
    )
    requester.post_message(session=db, actor_id=user.id, request_id=request.id, body="Gracias")
    admin_concierge.fulfill_concierge_request(
        session=db,
        actor_id=admin.id,
        request_id=request.id,
        candidates=[{"name": "Rex", "link": "https://example.test/rex"}],
    )
    assert [row.kind for row in _rows(db)] == ["concierge_reply", "concierge_fulfilled"]
    outbox.deliver_due()
    subjects = [_subject(message) for _, message in smtp.received]
    assert subjects == [
        f"Nueva respuesta en tu solicitud de conserje #{request.id}",
        f"Tu solicitud de conserje #{request.id} está completada",
    ]
    assert "secret" not in "".join(str(m) for _, m in smtp.received)


def test_nothing_is_queued_without_opt_in_or_when_the_change_rolls_back(
    db: Session, smtp: Mailbox
) -> None:
    quiet, admin = make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, quiet)
    admin_concierge.update_concierge_status(
        session=db, actor_id=admin.id, request_id=request.id, status="IN_PROGRESS"
    )
    keen = _opted_in(db)
    other = submit(db, keen)
    with pytest.raises(RuntimeError), transaction(db):
        admin_concierge.update_concierge_status(
            session=db, actor_id=admin.id, request_id=other.id, status="IN_PROGRESS"
        )
        raise RuntimeError("the change fails after the mail was queued")
    assert _rows(db) == []


def test_a_refused_mail_is_retried_later_and_sent_exactly_once(db: Session, smtp: Mailbox) -> None:
    user, admin = _opted_in(db), make_user(db, Role.ADMIN)
    request = submit(db, user)
    admin_concierge.update_concierge_status(
        session=db, actor_id=admin.id, request_id=request.id, status="IN_PROGRESS"
    )
    smtp.fail_next = 1
    now = utcnow()
    assert outbox.deliver_due(now=now) == 1
    (row,) = _rows(db)
    assert (row.status, row.attempts) == ("PENDING", 1) and "451" in (row.last_error or "")
    assert outbox.deliver_due(now=now) == 0  # not due yet
    later = now + timedelta(minutes=5)
    threads = [threading.Thread(target=outbox.deliver_due, kwargs={"now": later}) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outbox.deliver_due(now=later + timedelta(hours=1)) == 0
    assert len(smtp.received) == 1
    (row,) = _rows(db)
    assert (row.status, row.attempts) == ("SENT", 2)


def test_a_mail_that_keeps_failing_ends_failed(db: Session, smtp: Mailbox) -> None:
    user, admin = _opted_in(db), make_user(db, Role.ADMIN)
    request = submit(db, user)
    admin_concierge.update_concierge_status(
        session=db, actor_id=admin.id, request_id=request.id, status="IN_PROGRESS"
    )
    smtp.fail_next = 99
    when = utcnow()
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.deliver_due(now=when)
        when += timedelta(hours=2)
    (row,) = _rows(db)
    assert (row.status, row.attempts) == ("FAILED", outbox.MAX_ATTEMPTS)
    assert outbox.deliver_due(now=when) == 0 and smtp.received == []


def test_a_credited_purchase_mails_a_receipt_once(db: Session, smtp: Mailbox) -> None:
    buyer = _opted_in(db, "en", concierge_updates=False)
    purchase = open_purchase(db, buyer)
    event = payment_event(purchase)
    for _ in range(2):  # Stripe retries the same event
        body, header = signed(event)
        webhooks.handle_webhook(session=db, payload=body, signature=header, secret=secret())
    outbox.deliver_due()
    ((recipients, message),) = smtp.received
    assert recipients == [buyer.email]
    assert _subject(message) == f"Your CasTars receipt #{purchase.id}"
    assert "Popular: 1,650 CasTars for $12.99." in message.get_content()
