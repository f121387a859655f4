"""POST /api/stripe/webhook: refunds, amount mismatches, intents made elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from castyou.api.app import api
from castyou.api.webhook_lane import webhook_lane
from castyou.models.payments import CasTarsPurchase, PurchaseStatus
from castyou.services.castars import ledger
from tests.api.webhook_client import POPULAR_TOTAL, balance, reload, send
from tests.factories import make_user
from tests.ledger_checks import assert_ledger_consistent
from tests.payment_helpers import open_purchase, payment_event, refund_event


@pytest.fixture
def client(engine: Any) -> TestClient:
    return TestClient(webhook_lane(api))


def test_full_refund_after_partial_spend_takes_back_what_is_left(db, client):
    user = make_user(db)
    purchase = open_purchase(db, user, "starter")
    send(client, payment_event(purchase))
    ledger.spend_stars(session=db, user_id=user.id, amount=300, reason="test spend")
    assert balance(db, user.id) == 200
    assert send(client, refund_event(purchase, [("re_full", 499)])).status_code == 200
    fresh = reload(db, purchase)
    assert fresh.status == PurchaseStatus.REFUNDED
    assert (fresh.refunded_cents, fresh.refunded_stars) == (499, 500)
    assert fresh.refund_shortfall == 300
    assert fresh.review_reason == "refund_shortfall"
    assert balance(db, user.id) == 0
    assert ledger.get_balance(session=db, user_id=user.id).lifetime_stars == 0
    send(client, refund_event(purchase, [("re_full", 499)]))
    assert reload(db, purchase).refund_shortfall == 300
    assert_ledger_consistent(db, user.id)


def test_partial_refunds_round_up_and_apply_each_refund_once(db, client):
    user = make_user(db)
    purchase = open_purchase(db, user)
    send(client, payment_event(purchase))
    send(client, refund_event(purchase, [("re_1", 500)]))
    fresh = reload(db, purchase)
    assert fresh.status == PurchaseStatus.COMPLETED
    assert fresh.refunded_stars == 636  # ceil(1650 * 500 / 1299) = ceil(635.1)
    assert balance(db, user.id) == POPULAR_TOTAL - 636
    send(client, refund_event(purchase, [("re_1", 500), ("re_2", 799)]))
    send(client, refund_event(purchase, [("re_1", 500), ("re_2", 799)]))
    fresh = reload(db, purchase)
    assert fresh.status == PurchaseStatus.REFUNDED
    assert (fresh.refunded_cents, fresh.refunded_stars, fresh.refund_shortfall) == (1299, 1650, 0)
    assert balance(db, user.id) == 0
    assert_ledger_consistent(db, user.id)


def test_refund_without_refund_list_uses_the_charge_total(db, client):
    user = make_user(db)
    purchase = open_purchase(db, user)
    send(client, payment_event(purchase))
    event = refund_event(purchase, [("ignored", 650)], listed=False)
    send(client, event)
    send(client, event | {"id": "evt_again"})
    assert reload(db, purchase).refunded_stars == 826  # ceil(1650 * 650 / 1299)
    assert balance(db, user.id) == POPULAR_TOTAL - 826


@pytest.mark.parametrize(
    "override", [{"amount_cents": 99}, {"currency": "EUR"}], ids=["amount", "currency"]
)
def test_mismatched_amount_is_flagged_and_not_credited(db, client, override):
    user = make_user(db)
    purchase = open_purchase(db, user)
    response = send(client, payment_event(purchase, **override))
    assert response.status_code == 200
    assert response.json()["outcome"] == "FLAGGED"
    fresh = reload(db, purchase)
    assert fresh.status == PurchaseStatus.PENDING
    assert fresh.review_reason and fresh.review_reason.startswith("amount_mismatch")
    assert balance(db, user.id) == 0


def test_intent_made_elsewhere_is_credited_only_when_it_pays_a_bundle_price(db, client):
    user = make_user(db)
    purchase = open_purchase(db, user)
    outside = payment_event(purchase, payment_id="pi_elsewhere_ok", purchase_id=999_999)
    assert send(client, outside).json()["outcome"] == "PROCESSED"
    assert balance(db, user.id) == POPULAR_TOTAL
    cheap = payment_event(purchase, payment_id="pi_elsewhere_cheap", amount_cents=100)
    assert send(client, cheap).json()["outcome"] == "UNMATCHED"
    stranger = payment_event(purchase, payment_id="pi_elsewhere_nouser", user_id=424_242)
    assert send(client, stranger).json()["outcome"] == "UNMATCHED"
    assert balance(db, user.id) == POPULAR_TOTAL
    created = db.exec(
        select(CasTarsPurchase).where(CasTarsPurchase.stripe_payment_id == "pi_elsewhere_ok")
    ).one()
    assert created.status == PurchaseStatus.COMPLETED
