"""POST /api/stripe/webhook: signatures, duplicates, concurrency, failures (SQLite + PostgreSQL)."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from castyou.api.app import api
from castyou.api.webhook_lane import webhook_lane
from castyou.db import new_session
from castyou.models.notification import Notification
from castyou.models.payments import DeliveryOutcome, PurchaseStatus
from castyou.services.payments import webhooks
from castyou.services.payments.simulator import TEST_CARDS
from tests.api.webhook_client import (
    POPULAR_TOTAL,
    balance,
    deliveries,
    post,
    purchased_entries,
    reload,
    send,
)
from tests.factories import make_user
from tests.ledger_checks import assert_ledger_consistent
from tests.payment_helpers import DECLINED, open_purchase, payment_event, secret, signed


@pytest.fixture
def client(engine: Any) -> TestClient:
    return TestClient(webhook_lane(api))


def test_valid_event_credits_stars_and_bonus_once_and_is_stored(db, client):
    user = make_user(db)
    purchase = open_purchase(db, user)
    event = payment_event(purchase)
    response = send(client, event)
    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False, "outcome": "PROCESSED"}
    assert balance(db, user.id) == POPULAR_TOTAL
    assert reload(db, purchase).status == PurchaseStatus.COMPLETED
    [delivery] = deliveries(db)
    assert delivery.event_id == event["id"]
    assert delivery.event_type == "payment_intent.succeeded"
    assert delivery.payment_id == purchase.stripe_payment_id
    assert delivery.outcome == DeliveryOutcome.PROCESSED
    assert delivery.processed_at is not None
    assert json.loads(delivery.payload)["id"] == event["id"]
    note = db.exec(
        select(Notification).where(
            Notification.user_id == user.id, Notification.kind == "castars_purchased"
        )
    ).one()
    assert note.link == f"/castars/receipts/{purchase.id}"
    assert note.params == {"stars": POPULAR_TOTAL, "bundle": "Popular"}
    assert_ledger_consistent(db, user.id)


def _forged(body: bytes, header: str) -> tuple[bytes, str]:
    return body, header.split("v1=")[0] + "v1=" + "0" * 64


# A minute past the tolerance, so a slow run cannot bring the signature back inside it.
OUTSIDE_TOLERANCE_S = webhooks.TOLERANCE_S + 60


def _stale(body: bytes, _header: str) -> tuple[bytes, str]:
    return signed(json.loads(body), at=int(time.time()) - OUTSIDE_TOLERANCE_S)


def _future(body: bytes, _header: str) -> tuple[bytes, str]:
    return signed(json.loads(body), at=int(time.time()) + OUTSIDE_TOLERANCE_S)


def _tampered(body: bytes, header: str) -> tuple[bytes, str]:
    return body.replace(b'"amount": 1299', b'"amount": 99'), header


def _reserialized(body: bytes, header: str) -> tuple[bytes, str]:
    return json.dumps(json.loads(body), separators=(",", ":")).encode(), header


def _wrong_secret(body: bytes, _header: str) -> tuple[bytes, str]:
    return signed(json.loads(body), key="whsec_someone_else")


def _garbage_header(body: bytes, _header: str) -> tuple[bytes, str]:
    return body, "not-a-signature"


@pytest.mark.parametrize(
    "attack",
    [_forged, _stale, _future, _tampered, _reserialized, _wrong_secret, _garbage_header],
)
def test_bad_signatures_are_refused_and_nothing_is_stored_or_credited(db, client, attack):
    user = make_user(db)
    purchase = open_purchase(db, user)
    body, header = attack(*signed(payment_event(purchase)))
    assert post(client, body, header).status_code == 400
    assert balance(db, user.id) == 0
    assert deliveries(db) == []
    assert reload(db, purchase).status == PurchaseStatus.PENDING


def test_missing_signature_header_is_refused(db, client):
    user = make_user(db)
    body, _ = signed(payment_event(open_purchase(db, user)))
    assert post(client, body, None).status_code == 400
    assert balance(db, user.id) == 0


def test_a_signature_a_little_in_the_future_is_accepted(db, client):
    user = make_user(db)
    event = payment_event(open_purchase(db, user))
    assert post(client, *signed(event, at=int(time.time()) + 60)).status_code == 200
    assert balance(db, user.id) == POPULAR_TOTAL


def test_duplicate_event_id_is_acknowledged_and_not_processed_again(db, client):
    user = make_user(db)
    body, header = signed(payment_event(open_purchase(db, user)))
    assert post(client, body, header).json()["duplicate"] is False
    again = post(client, body, header)
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert balance(db, user.id) == POPULAR_TOTAL
    assert len(deliveries(db)) == 1


def test_same_payment_in_two_different_events_credits_once(db, client):
    user = make_user(db)
    purchase = open_purchase(db, user)
    assert send(client, payment_event(purchase)).status_code == 200
    assert send(client, payment_event(purchase)).status_code == 200
    assert balance(db, user.id) == POPULAR_TOTAL
    assert purchased_entries(db, user.id) == 1
    assert [d.outcome for d in deliveries(db)] == [DeliveryOutcome.PROCESSED] * 2


@pytest.mark.parametrize("same_event", [True, False], ids=["same-event", "distinct-events"])
def test_twenty_concurrent_deliveries_credit_once(db, engine, same_event):
    user = make_user(db)
    purchase = open_purchase(db, user)
    first = signed(payment_event(purchase))
    bodies = [first if same_event else signed(payment_event(purchase)) for _ in range(20)]
    barrier = threading.Barrier(20)
    results: list[Any] = []
    errors: list[BaseException] = []

    def deliver(body: bytes, header: str) -> None:
        session = new_session(engine)
        try:
            barrier.wait()
            results.append(
                webhooks.handle_webhook(
                    session=session, payload=body, signature=header, secret=secret()
                )
            )
        except BaseException as error:
            errors.append(error)
        finally:
            session.close()

    threads = [threading.Thread(target=deliver, args=pair) for pair in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()  # give the 20 pooled connections back to the shared PostgreSQL server
    assert errors == []
    assert len(results) == 20
    assert balance(db, user.id) == POPULAR_TOTAL
    assert purchased_entries(db, user.id) == 1
    assert sum(not r.duplicate for r in results) == (1 if same_event else 20)
    assert len(deliveries(db)) == (1 if same_event else 20)
    assert_ledger_consistent(db, user.id)


def test_failed_after_succeeded_leaves_the_purchase_completed(db, client):
    user = make_user(db)
    purchase = open_purchase(db, user)
    send(client, payment_event(purchase))
    assert send(client, payment_event(purchase, DECLINED)).status_code == 200
    fresh = reload(db, purchase)
    assert fresh.status == PurchaseStatus.COMPLETED
    assert fresh.failure_code is None
    assert balance(db, user.id) == POPULAR_TOTAL


def test_failure_records_the_reason_and_a_retry_can_still_succeed(db, client):
    user = make_user(db)
    purchase = open_purchase(db, user)
    send(client, payment_event(purchase, TEST_CARDS["4000000000009995"]))
    failed = reload(db, purchase)
    assert failed.status == PurchaseStatus.FAILED
    assert failed.failure_code == "insufficient_funds"
    assert failed.failure_message == "Your card has insufficient funds."
    assert balance(db, user.id) == 0
    send(client, payment_event(purchase))
    assert reload(db, purchase).status == PurchaseStatus.COMPLETED
    assert balance(db, user.id) == POPULAR_TOTAL


def test_unknown_event_type_is_acknowledged_and_logged(db, client, caplog):
    event = {
        "id": "evt_unknown_1",
        "object": "event",
        "type": "customer.created",
        "data": {"object": {"id": "cus_1", "object": "customer"}},
    }
    with caplog.at_level("INFO", logger="castyou.webhooks"):
        response = send(client, event)
    assert response.status_code == 200
    assert response.json()["outcome"] == "IGNORED"
    assert "customer.created" in caplog.text
    [delivery] = deliveries(db)
    assert delivery.outcome == DeliveryOutcome.IGNORED


def test_oversized_or_non_event_bodies_are_refused(db, client):
    body, header = signed({"hello": "world"})
    assert post(client, body, header).status_code == 400
    big = b"{" + b" " * (webhooks.MAX_PAYLOAD_BYTES + 1) + b"}"
    assert post(client, big, signed({})[1]).status_code == 413
    assert deliveries(db) == []


@pytest.mark.allow_error_logs
def test_a_processing_error_answers_500_and_stripes_retry_applies_it(db, client, monkeypatch):
    user = make_user(db)
    body, header = signed(payment_event(open_purchase(db, user)))
    real = webhooks.HANDLERS["payment_intent.succeeded"]

    def broken(session: Session, data: dict) -> Any:
        real(session, data)
        raise RuntimeError("database hiccup")

    monkeypatch.setitem(webhooks.HANDLERS, "payment_intent.succeeded", broken)
    assert post(client, body, header).status_code == 500
    assert balance(db, user.id) == 0
    [delivery] = deliveries(db)
    assert delivery.outcome == DeliveryOutcome.ERROR
    assert "database hiccup" in (delivery.error or "")
    monkeypatch.setitem(webhooks.HANDLERS, "payment_intent.succeeded", real)
    retry = post(client, body, header)
    assert retry.status_code == 200 and retry.json()["duplicate"] is False
    assert balance(db, user.id) == POPULAR_TOTAL
    [delivery] = deliveries(db)
    assert (delivery.outcome, delivery.attempts) == (DeliveryOutcome.PROCESSED, 2)
