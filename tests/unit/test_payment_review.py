"""Admin review lists: deliveries that need a human, purchases kept for review; replay."""

from __future__ import annotations

import json

import pytest

from castyou.models.payments import CasTarsPurchase, DeliveryOutcome, PurchaseStatus
from castyou.services.castars import ledger
from castyou.services.errors import InvalidInput, NotFound
from castyou.services.payments import review as payment_review
from castyou.services.payments import webhooks
from tests.factories import make_user
from tests.payment_helpers import open_purchase, payment_event, refund_event


def deliver(db, event: dict) -> webhooks.DeliveryResult:
    return webhooks.process_event(session=db, event=event, payload=json.dumps(event))


def test_flagged_unmatched_and_shortfalls_are_kept_for_review(db):
    user = make_user(db)
    flagged = open_purchase(db, user, "starter")
    deliver(db, payment_event(flagged, amount_cents=1))
    deliver(db, payment_event(flagged, payment_id="pi_nobody", user_id=999_999))
    paid = open_purchase(db, user, "starter")
    deliver(db, payment_event(paid))
    deliver(db, payment_event(paid))
    ledger.spend_stars(session=db, user_id=user.id, amount=400, reason="spend")
    deliver(db, refund_event(paid, [("re_1", 499)]))

    rows = payment_review.list_deliveries(session=db)
    assert [r.outcome for r in rows] == ["UNMATCHED", "FLAGGED"]
    every = payment_review.list_deliveries(session=db, outcomes=tuple(DeliveryOutcome))
    assert len(every) == 5
    db.expire_all()
    flagged_row, paid_row = db.get(CasTarsPurchase, flagged.id), db.get(CasTarsPurchase, paid.id)
    assert flagged_row.review_reason.startswith("amount_mismatch")
    assert paid_row.review_reason == "refund_shortfall"
    assert paid_row.refund_shortfall == 400
    assert paid_row.status == PurchaseStatus.REFUNDED
    with pytest.raises(InvalidInput):
        payment_review.list_deliveries(session=db, limit=0)


def test_replay_applies_a_stored_delivery_idempotently(db):
    user = make_user(db)
    purchase = open_purchase(db, user)
    deliver(db, payment_event(purchase))
    [row] = payment_review.list_deliveries(session=db, outcomes=(DeliveryOutcome.PROCESSED,))
    assert webhooks.replay_delivery(session=db, delivery_id=row.id) == DeliveryOutcome.PROCESSED
    assert ledger.get_balance(session=db, user_id=user.id).balance == 1_650
    with pytest.raises(NotFound):
        webhooks.replay_delivery(session=db, delivery_id=12345)
