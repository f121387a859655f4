"""Junk at the webhook: refused with a 400 JSON error, never stored, never a 5xx or a credit."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlmodel import func, select

from castyou.api.app import api
from castyou.api.webhook_lane import webhook_lane
from castyou.models.ledger import LedgerEntry, Source
from castyou.models.user import User
from castyou.services.payments import bundles, simulator
from castyou.services.payments.bundles import BUNDLES
from tests.api.webhook_client import deliveries, fresh_snapshot, post, send
from tests.factories import make_user
from tests.payment_helpers import secret

STARTER = BUNDLES[0]


@pytest.fixture
def client(engine: Any) -> TestClient:
    return TestClient(webhook_lane(api))


def _signed_raw(body: bytes) -> tuple[bytes, str]:
    return body, simulator.sign(body, secret(), int(time.time()))


def _intent(**fields: Any) -> dict[str, Any]:
    intent = {
        "id": "pi_junk_1",
        "object": "payment_intent",
        "amount": STARTER.price_cents,
        "amount_received": STARTER.price_cents,
        "currency": STARTER.currency.lower(),
        "metadata": {"user_id": "1", "bundle_id": STARTER.id, "purchase_id": "0"},
    }
    intent.update(fields)
    return intent


def _event(data_object: Any, event_id: Any = "evt_junk_1") -> bytes:
    event = {"id": event_id, "type": "payment_intent.succeeded", "data": {"object": data_object}}
    return json.dumps(event).encode()


JUNK: dict[str, bytes] = {
    "not utf-8": b'{"id": "evt_\xff\xfe", "type": "x", "data": {"object": {}}}',
    "a list": b"[]",
    "null": b"null",
    "a number": b"7",
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "deep object": _event(_intent(metadata=json.loads('{"a":' * 50 + "1" + "}" * 50))),
    "lone surrogate id": _event(_intent(), event_id="evt_\ud800"),
    "NUL in id": _event(_intent(), event_id="evt_\u0000"),
    "intent without id": _event({k: v for k, v in _intent().items() if k != "id"}),
    "id as a list": _event(_intent(id=["x", 99])),
    "id over 255 chars": _event(_intent(id="pi_" + "x" * 300)),
    "metadata as a list": _event(_intent(metadata=["user_id", "1"])),
    "user id past the column": _event(_intent(metadata={"user_id": "99999999999"})),
    "user id just past int32": _event(_intent(metadata={"user_id": str(2**31)})),
    "amount as text": _event(_intent(amount=str(STARTER.price_cents))),
    "amount past the column": _event(_intent(amount=2**40)),
    "error message with NUL": _event(_intent(last_payment_error={"message": "a\u0000b"})),
}


def _credits(db: Any) -> int:
    fresh_snapshot(db)
    return db.exec(select(func.count()).where(LedgerEntry.source == Source.PURCHASED)).one()


@pytest.mark.parametrize("body", list(JUNK.values()), ids=list(JUNK))
def test_signed_junk_is_refused_with_a_json_400_and_not_stored(db, client, body):
    bundles.seed_bundles(db)
    make_user(db)
    response = post(client, *_signed_raw(body))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_webhook"
    assert deliveries(db) == []
    assert _credits(db) == 0


def test_an_undecodable_body_with_a_bad_signature_is_refused(db, client):
    body = b"\xff\xfe\x00junk"
    response = post(client, body, "t=1,v1=" + "0" * 64)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_webhook"
    odd = {"Stripe-Signature": b"t=\xff,v1=\xe9"}
    assert client.post("/api/stripe/webhook", content=body, headers=odd).status_code == 400


def test_a_well_formed_paid_intent_made_elsewhere_still_credits(db, client):
    bundles.seed_bundles(db)
    user = make_user(db)
    response = post(client, *_signed_raw(_event(_intent(metadata=_meta(user.id)))))
    assert response.json() == {"received": True, "duplicate": False, "outcome": "PROCESSED"}
    assert _credits(db) == 1
    stored = db.exec(text("SELECT received_at, processed_at FROM stripe_webhook_deliveries")).one()
    if db.get_bind().dialect.name == "sqlite":  # the fast path stores times as the ORM does
        assert all("+" not in value and len(value) == 26 for value in stored)


def _meta(user_id: Any, bundle_id: Any = STARTER.id) -> dict[str, Any]:
    return {"user_id": str(user_id), "bundle_id": bundle_id, "purchase_id": "0"}


_text = st.one_of(st.text(max_size=12), st.sampled_from(["", "1", "starter", "usd", "\x00"]))
_scalar = st.one_of(st.none(), st.booleans(), st.integers(-(2**40), 2**40), _text)
_json = st.recursive(
    _scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_text, inner, max_size=3)),
    max_leaves=8,
)
_amount = st.one_of(st.just(STARTER.price_cents), st.integers(-5, 10**6), _json)
_intents = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.builds(lambda n: f"pi_h{n}", st.integers(0, 10**9)), _json),
        "object": st.sampled_from(["payment_intent", "charge"]),
        "amount": _amount,
        "amount_received": _amount,
        "currency": st.one_of(st.sampled_from(["usd", "USD", "eur"]), _json),
        "metadata": st.one_of(
            st.fixed_dictionaries(
                {},
                optional={
                    "user_id": st.one_of(st.sampled_from(["1", "2", "0", "424242"]), _json),
                    "bundle_id": st.one_of(st.sampled_from([STARTER.id, "nope"]), _json),
                    "purchase_id": st.one_of(st.just("0"), _json),
                },
            ),
            _json,
        ),
    },
)
_events = st.fixed_dictionaries(
    {
        "id": st.one_of(st.builds(lambda n: f"evt_h{n}", st.integers(0, 10**9)), _json),
        "type": st.one_of(
            st.sampled_from(["payment_intent.succeeded", "payment_intent.payment_failed"]),
            st.sampled_from(["charge.refunded", "customer.created"]),
            _json,
        ),
        "data": st.one_of(st.fixed_dictionaries({"object": st.one_of(_intents, _json)}), _json),
    }
)


def _pays_a_bundle(event: dict[str, Any], users: set[str]) -> bool:
    intent = event["data"]["object"]
    meta = intent.get("metadata") or {}
    received = intent.get("amount_received", intent.get("amount"))
    return (
        event["type"] == "payment_intent.succeeded"
        and meta.get("user_id") in users
        and meta.get("bundle_id") == STARTER.id
        and type(intent.get("amount")) is int
        and intent["amount"] == received == STARTER.price_cents
        and str(intent.get("currency")).upper() == STARTER.currency
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(event=_events)
def test_signed_random_json_never_fails_and_credits_only_a_valid_payment(db, client, event):
    bundles.seed_bundles(db)
    if db.exec(select(func.count()).select_from(User)).one() == 0:
        make_user(db)
    users = {str(uid) for uid in db.exec(select(User.id)).all()}
    before = _credits(db)
    response = send(client, event)
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert response.json()["error"]["code"] == "invalid_webhook"
    if _credits(db) > before:
        assert _pays_a_bundle(event, users)
