"""Admin refunds from the dialog: partial amounts, a required reason, one refund per click."""

from __future__ import annotations

import pytest
from sqlmodel import select

from castyou.models.admin import AdminAction, RefundRequest
from castyou.models.payments import CasTarsPurchase, PurchaseRefund, PurchaseStatus
from castyou.models.user import Role
from castyou.services.admin import refunds
from castyou.services.castars import ledger
from castyou.services.errors import Conflict, InvalidInput
from castyou.services.payments import webhooks
from tests.factories import make_user
from tests.ledger_checks import assert_ledger_consistent
from tests.payment_helpers import open_purchase, payment_event, secret, signed


def _paid(db, user):
    purchase = open_purchase(db, user, "popular")  # 1299 cents, 1650 stars
    body, signature = signed(payment_event(purchase))
    webhooks.handle_webhook(session=db, payload=body, signature=signature, secret=secret())
    return purchase


def _ask(db, admin, purchase, key, amount=None, reason="Customer asked"):
    request = refunds.request_refund(
        session=db,
        actor_id=admin.id,
        purchase_id=purchase.id,
        amount_cents=amount,
        reason=reason,
        click_key=key,
    )
    if request.payload is not None:
        webhooks.handle_webhook(
            session=db, payload=request.payload, signature=request.signature(), secret=secret()
        )
    db.expire_all()
    return request


def test_partial_refunds_take_back_stars_in_proportion_then_the_rest(db):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    purchase = _paid(db, buyer)
    first = _ask(db, admin, purchase, "click-0001", amount=433, reason="Late delivery")
    assert first.amount_cents == 433
    assert ledger.get_balance(session=db, user_id=buyer.id).balance == 1650 - 550
    row = db.get(CasTarsPurchase, purchase.id)
    assert (row.refunded_cents, row.refunded_stars, row.status) == (
        433,
        550,
        PurchaseStatus.COMPLETED,
    )
    assert refunds.refundable_cents(session=db, actor_id=admin.id, purchase_id=purchase.id) == 866
    rest = _ask(db, admin, purchase, "click-0002")
    assert rest.amount_cents == 866
    assert ledger.get_balance(session=db, user_id=buyer.id).balance == 0
    assert db.get(CasTarsPurchase, purchase.id).status == PurchaseStatus.REFUNDED
    reasons = {
        r.refund_id: r.reason for r in db.exec(select(RefundRequest).order_by(RefundRequest.id))
    }
    applied = db.exec(select(PurchaseRefund).order_by(PurchaseRefund.id)).all()
    assert [reasons[r.refund_id] for r in applied] == ["Late delivery", "Customer asked"]
    notes = db.exec(
        select(AdminAction.note).where(AdminAction.action == "purchase.refund_requested")
    ).all()
    assert sorted(notes) == ["Customer asked", "Late delivery"]
    assert_ledger_consistent(db, buyer.id)


def test_a_double_click_refunds_once_and_answers_the_same(db):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    purchase = _paid(db, buyer)
    first = _ask(db, admin, purchase, "click-0001", amount=500)
    second = _ask(db, admin, purchase, "click-0001", amount=500)
    assert (second.refund_id, second.amount_cents) == (first.refund_id, 500)
    assert db.get(CasTarsPurchase, purchase.id).refunded_cents == 500
    assert len(db.exec(select(RefundRequest)).all()) == 1
    assert len(db.exec(select(PurchaseRefund)).all()) == 1


@pytest.mark.parametrize(
    ("amount", "reason", "key"),
    [
        (0, "r", "click-0001"),
        (-5, "r", "click-0001"),
        (1300, "r", "click-0001"),
        (10**20, "r", "click-0001"),
        (True, "r", "click-0001"),
        ("500", "r", "click-0001"),
        (None, "", "click-0001"),
        (None, "   ", "click-0001"),
        (None, "x" * 201, "click-0001"),
        (None, "r", "bad key"),
        (None, "r", ""),
    ],
)
def test_bad_amounts_reasons_and_keys_change_nothing(db, amount, reason, key):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    purchase = _paid(db, buyer)
    with pytest.raises(InvalidInput):
        _ask(db, admin, purchase, key, amount=amount, reason=reason)
    assert db.get(CasTarsPurchase, purchase.id).refunded_cents == 0
    assert db.exec(select(RefundRequest)).all() == []
    assert ledger.get_balance(session=db, user_id=buyer.id).balance == 1650


def test_a_click_key_cannot_be_reused_for_another_purchase(db):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    first, second = _paid(db, buyer), _paid(db, buyer)
    _ask(db, admin, first, "click-0001", amount=100)
    with pytest.raises(Conflict):
        _ask(db, admin, second, "click-0001", amount=100)
    assert db.get(CasTarsPurchase, second.id).refunded_cents == 0
